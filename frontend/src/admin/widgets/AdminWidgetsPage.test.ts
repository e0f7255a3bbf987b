import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AdminWidgetsPage from './AdminWidgetsPage.vue'
import { createAppI18n } from '@/app/i18n'
import { iframeSnippet, scriptSnippet, threadId, widgetUrl, type WidgetOptions } from '@/api/widgets'

const rights = (everyoneSee: boolean) => ({ everyoneSee, membersSee: true, membersReply: true, membersStart: true,
  groups: [], premoderated: false })
const category = (id: number, slug: string, name: string, open: boolean, children: unknown[] = []) => ({ id,
  parentId: null, slug, name, description: '', color: '#000', position: id, kind: 'DISCUSSION', threadCount: 0,
  postCount: 0, latest: null, canStart: true, children, rights: rights(open) })

function mountIn(language: 'en' | 'fr') {
  const origins = [{ origin: 'https://www.brand.example', addedAt: '2026-11-30T10:00:00Z' }]
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input)
    const method = (init as RequestInit | undefined)?.method ?? 'GET'
    if (url.includes('/widgets/origins') && method === 'POST') {
      return new Response(JSON.stringify({ status: 422, code: 'validation.origin', detail: 'Give a site address',
        errors: [{ field: 'origin', code: 'validation.origin', message: 'Give a site address' }] }),
      { status: 422, headers: { 'Content-Type': 'application/problem+json' } })
    }
    const body = url.includes('/widgets/origins') ? origins
      : url.includes('/admin/testimonials') ? [{ id: 7, postId: 3, threadPath: '/t/2/x', username: 'ines',
        displayName: 'Inès', text: 'Saved us hours', origins: [], expiresAt: '2027-06-30T00:00:00Z', status: 'ACCEPTED',
        showIdentity: false, shown: true, proposedAt: '2026-11-30T10:00:00Z', answeredAt: '2026-11-30T11:00:00Z',
        withdrawnAt: null, live: true }]
      : url.includes('/widgets/traffic') ? [{ widget: 'latest-threads', host: 'www.brand.example', impressions: 200, clicks: 9 }]
      : url.includes('/categories') ? [category(1, 'support', 'Support', true, [category(3, 'billing', 'Billing', true)]),
        category(2, 'vip', 'VIP lounge', false)] : {}
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  })
  const wrapper = mount(AdminWidgetsPage, { global: { plugins: [createAppI18n(language)] } })
  return { wrapper, fetch }
}

const options: WidgetOptions = { type: 'latest-threads', lang: 'fr', category: 'support', tag: '', solved: true,
  limit: 5, period: 'month', accent: '#ff0066', radius: '', font: '', thread: '' }

describe('AdminWidgetsPage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('lists the allowed sites and offers only public categories, in French', async () => {
    const { wrapper } = mountIn('fr')
    await flushPromises()
    expect(wrapper.find('[data-test=widget-origins]').text()).toContain('https://www.brand.example')
    const offered = wrapper.findAll('[data-test=widget-category] option').map((o) => o.text())
    expect(offered).toEqual(['Toutes les catégories publiques', 'Support', 'Billing'])
    expect(wrapper.find('[data-test=widget-traffic]').text()).toContain('Dernières discussions')
    expect(wrapper.find('[data-test=widget-traffic]').text()).toContain('4,5 %')
    expect(wrapper.find('[data-test=testimonial-list]').text()).toContain('Saved us hours')
    expect(wrapper.find('[data-test=testimonial-list]').text()).toContain('Accepté le')
  })

  it('builds the snippet and the previews from the options chosen', async () => {
    const { wrapper } = mountIn('en')
    await flushPromises()
    await wrapper.find('[data-test=widget-category]').setValue('support')
    await wrapper.find('[data-test=widget-lang]').setValue('en')
    const snippet = (wrapper.find('[data-test=widget-snippet]').element as HTMLTextAreaElement).value
    expect(snippet).toContain('/embed.js"></script>')
    expect(snippet).toContain('<div data-ruche-widget="latest-threads" data-lang="en" data-category="support"></div>')
    expect(wrapper.find('[data-test=widget-preview-dark]').attributes('src')).toContain('theme=dark')
    await wrapper.find('[data-test=widget-type]').setValue('events')
    expect((wrapper.find('[data-test=widget-snippet]').element as HTMLTextAreaElement).value)
      .toContain('data-ruche-widget="events" data-lang="en"></div>')
  })

  it('says why a site address is refused', async () => {
    const { wrapper } = mountIn('en')
    await flushPromises()
    await wrapper.find('[data-test=widget-origin-input]').setValue('ftp://files')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[role=alert]').exists()).toBe(true)
  })

  it('embeds a thread\'s answer from its number or its address, with the oEmbed address', async () => {
    const { wrapper } = mountIn('en')
    await flushPromises()
    await wrapper.find('[data-test=widget-type]').setValue('answer')
    await wrapper.find('[data-test=widget-thread]').setValue('https://community.example/t/42/how-to-reset')
    expect((wrapper.find('[data-test=widget-snippet]').element as HTMLTextAreaElement).value)
      .toContain('data-ruche-widget="answer" data-lang="fr" data-thread="42"')
    expect(wrapper.find('[data-test=widget-oembed]').text()).toMatch(/\/t\/42$/)
    expect(threadId('17')).toBe('17')
    expect(threadId('not a thread')).toBe('')
  })

  it('escapes what it writes into snippets', () => {
    expect(scriptSnippet('https://c.example', { ...options, tag: 'a"b' })).toContain('data-tag="a&quot;b"')
    expect(widgetUrl('https://c.example', options, 'light')).toBe(
      'https://c.example/embed/latest-threads?lang=fr&category=support&solved=true&accent=%23ff0066&theme=light')
    expect(iframeSnippet('https://c.example', options, 'Latest "news"')).toContain('title="Latest &quot;news&quot;"')
  })
})
