import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import NotificationBell from './NotificationBell.vue'
import { createAppI18n } from '@/app/i18n'

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const now = new Date().toISOString()
const page = {
  unread: 1, next: 5,
  items: [
    { id: 7, kind: 'REPLY', actor: { username: 'anna', displayName: 'Anna', avatarUrl: '/a.svg' }, othersCount: 0,
      detail: '', thread: { id: 3, title: 'Dark mode', slug: 'dark-mode' }, postPosition: 2,
      url: '/t/3/dark-mode#post-2', createdAt: now, updatedAt: now, read: false },
  ],
}

async function mountBell(language: 'en' | 'fr') {
  setActivePinia(createPinia())
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/', component: { template: '<p/>' } },
    { path: '/notifications', name: 'notifications', component: { template: '<p/>' } },
    { path: '/t/:id/:slug?', name: 'thread', component: { template: '<p/>' } },
  ] })
  await router.push('/')
  const wrapper = mount(NotificationBell, { attachTo: document.body,
    global: { plugins: [createAppI18n(language), router] } })
  return { wrapper, router }
}

describe('NotificationBell', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    document.body.innerHTML = ''
  })

  it('opens the latest notifications in a panel, and a click on one marks it read and opens its thread', async () => {
    const calls: string[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${String(input)}`)
      if (String(input).includes('/read')) return json({ unread: 0 })
      if (String(input).includes('/badges')) return json([])
      return json(page)
    })
    const { wrapper, router } = await mountBell('en')
    const bell = wrapper.find('[data-test=bell]')
    expect(bell.attributes('aria-expanded')).toBe('false')
    await bell.trigger('click')
    await flushPromises()
    expect(bell.attributes('aria-expanded')).toBe('true')
    expect(calls).toContain('GET /api/v1/notifications?limit=8&unread=false')
    const entries = wrapper.findAll('[data-test=bell-entry]')
    expect(entries).toHaveLength(1)
    expect(entries[0].text()).toContain('Anna')
    expect(entries[0].text()).toContain('Dark mode')
    expect(wrapper.find('[data-test=bell-all]').text()).toBe('See all notifications')
    await entries[0].trigger('click')
    await flushPromises()
    expect(calls).toContain('POST /api/v1/notifications/7/read')
    expect(router.currentRoute.value.fullPath).toBe('/t/3/dark-mode#post-2')
    expect(wrapper.find('[data-test=bell-panel]').exists()).toBe(false)
  })

  it('closes on Escape and gives the focus back to the bell, in French', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) =>
      String(input).includes('/badges') ? json([]) : json({ unread: 0, next: null, items: [] }))
    const { wrapper } = await mountBell('fr')
    await wrapper.find('[data-test=bell]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=bell-panel]').text()).toContain('Les réponses, mentions et réactions')
    await wrapper.find('[data-test=bell-panel]').trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(wrapper.find('[data-test=bell-panel]').exists()).toBe(false)
    expect(document.activeElement).toBe(wrapper.find('[data-test=bell]').element)
  })
})
