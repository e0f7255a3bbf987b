import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import SearchPage from './SearchPage.vue'
import { createAppI18n } from '@/app/i18n'

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

async function mountAt(url: string, language: 'en' | 'fr', searchAnswer: unknown, events: unknown[] = []) {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const path = String(input)
    if (path.startsWith('/api/v1/categories')) return json([])
    if (path.startsWith('/api/v1/events')) return json({ items: events, nextAfter: null })
    return json(searchAnswer)
  })
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/search', name: 'search', component: SearchPage },
    { path: '/t/:id/:slug?', name: 'thread', component: { template: '<p/>' } },
    { path: '/new', name: 'new-thread', component: { template: '<p/>' } },
    { path: '/events/:id/:slug?', name: 'event', component: { template: '<p/>' } },
  ] })
  await router.push(url)
  const wrapper = mount(SearchPage, { global: { plugins: [createAppI18n(language), router] } })
  await flushPromises()
  return wrapper
}

describe('SearchPage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('lists hits with the highlighted snippet and a link to the post', async () => {
    const wrapper = await mountAt('/search?q=export', 'en', {
      engine: 'mariadb', total: 1, page: 1, pageSize: 20, categories: [{ id: 3, name: 'Help', slug: 'help', color: '#1d4ed8' }],
      hits: [{ postId: 9, threadId: 4, threadTitle: 'Export invoices', threadSlug: 'export-invoices', position: 2,
        categoryId: 3, authorUsername: 'ines', authorDisplayName: 'Inès', createdAt: new Date().toISOString(),
        solved: true, snippet: 'Use the <mark>export</mark> button &lt;here&gt;' }],
    })
    expect(wrapper.find('[data-test=search-total]').text()).toBe('1 result')
    const hit = wrapper.find('[data-test=search-hit]')
    expect(hit.find('a').attributes('href')).toBe('/t/4/export-invoices#post-2')
    expect(hit.find('mark').text()).toBe('export')
    expect(hit.text()).toContain('Help')
    expect(hit.text()).toContain('Solved')
  })

  it('explains what to try when nothing is found, in French', async () => {
    const wrapper = await mountAt('/search?q=introuvable', 'fr', {
      engine: 'mariadb', total: 0, page: 1, pageSize: 20, categories: [], hits: [] })
    const empty = wrapper.find('[data-test=search-empty]')
    expect(empty.text()).toContain('Aucun résultat pour « introuvable »')
    expect(empty.text()).toContain('guillemets')
  })

  it('shows upcoming events whose title matches above the posts', async () => {
    const wrapper = await mountAt('/search?q=webinar', 'en', { engine: 'mariadb', total: 0, page: 1, pageSize: 20,
      categories: [], hits: [] }, [{ id: 7, slug: 'invoices-webinar', title: 'Invoices webinar', kind: 'WEBINAR',
      status: 'PUBLISHED', startsLocal: '2026-12-10T18:00', endsLocal: '2026-12-10T19:00', zone: 'Europe/Paris',
      startsAt: '2026-12-10T17:00:00Z', endsAt: '2026-12-10T18:00:00Z', location: '', coverUrl: null, capacity: null,
      seatsLeft: null, myStatus: null, seriesId: null }])
    expect(wrapper.find('[data-test=search-events]').text()).toContain('Invoices webinar')
  })
})
