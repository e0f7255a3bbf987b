import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import NotificationsPage from './NotificationsPage.vue'
import UnsubscribePage from './UnsubscribePage.vue'
import { createAppI18n } from '@/app/i18n'

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const now = new Date().toISOString()
const page = {
  unread: 2, next: null,
  items: [
    { id: 7, kind: 'REACTION', actor: { username: 'anna', displayName: 'Anna', avatarUrl: '/a.svg' }, othersCount: 4,
      detail: 'like', thread: { id: 3, title: 'Dark mode', slug: 'dark-mode' }, postPosition: 2,
      url: '/t/3/dark-mode#post-2', createdAt: now, updatedAt: now, read: false },
    { id: 6, kind: 'STAFF_MESSAGE', actor: { username: 'mod', displayName: 'Camille', avatarUrl: '/c.svg' },
      othersCount: 0, detail: 'Please stay on topic.', thread: null, postPosition: null, url: '/notifications',
      createdAt: now, updatedAt: now, read: true },
  ],
}

async function mountPage(component: object, language: 'en' | 'fr', props: Record<string, unknown> = {}) {
  setActivePinia(createPinia())
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/', component: { template: '<p/>' } },
    { path: '/settings', name: 'settings', component: { template: '<p/>' } },
    { path: '/t/:id/:slug?', name: 'thread', component: { template: '<p/>' } },
  ] })
  await router.push('/')
  const wrapper = mount(component, { props, global: { plugins: [createAppI18n(language), router] } })
  await flushPromises()
  return wrapper
}

describe('NotificationsPage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('groups reactions in one sentence and shows staff messages in full', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json(page))
    const wrapper = await mountPage(NotificationsPage, 'en')
    const items = wrapper.findAll('[data-test=notification]')
    expect(items).toHaveLength(2)
    expect(items[0].text()).toContain('Anna and 4 others reacted to your post in “Dark mode”')
    expect(items[0].classes()).toContain('unread')
    expect(items[1].text()).toContain('Please stay on topic.')
  })

  it('marks everything read with one button, in French', async () => {
    const calls: string[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${String(input)}`)
      if (String(input).includes('read-all')) return new Response(null, { status: 204 })
      return json(page)
    })
    const wrapper = await mountPage(NotificationsPage, 'fr')
    const button = wrapper.find('[data-test=mark-all]')
    expect(button.text()).toBe('Tout marquer comme lu')
    await button.trigger('click')
    await flushPromises()
    expect(calls).toContain('POST /api/v1/notifications/read-all')
    expect(wrapper.findAll('.unread')).toHaveLength(0)
  })

  it('explains an empty inbox', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ unread: 0, next: null, items: [] }))
    const wrapper = await mountPage(NotificationsPage, 'en')
    expect(wrapper.text()).toContain('No notifications yet')
    expect(wrapper.text()).toContain('Follow threads or watch categories')
  })
})

describe('UnsubscribePage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('says what stops and for which address, then confirms', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) =>
      json({ scope: init?.method === 'POST' ? 'REPLY' : 'REPLY', email: 'a***@example.test' }))
    const wrapper = await mountPage(UnsubscribePage, 'fr', { token: '1.REPLY.sig' })
    expect(wrapper.text()).toContain('Arrêter les mails de réponses pour a***@example.test ?')
    await wrapper.find('[data-test=unsubscribe-one]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=unsubscribed]').text()).toContain('vous ne recevrez plus les mails de réponses')
  })
})
