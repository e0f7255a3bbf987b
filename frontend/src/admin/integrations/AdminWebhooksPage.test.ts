import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AdminWebhooksPage from './AdminWebhooksPage.vue'
import { createAppI18n } from '@/app/i18n'

const hook = { id: 3, url: 'https://crm.example.com/ruche', description: 'CRM', eventTypes: ['thread.created'],
  includePrivate: false, allowPrivateNetwork: false, enabled: true, disabledReason: null, consecutiveFailures: 0,
  createdAt: '2026-11-30T09:00:00Z', lastStatus: null, lastAttemptAt: null }
const delivery = { id: 41, deliveryId: '0b8c2f7e-1111-4222-8333-444455556666', eventType: 'ping', status: 'DELIVERED',
  attempts: 1, responseCode: 200, responseExcerpt: 'ok', error: null, createdAt: '2026-11-30T09:01:00Z',
  lastAttemptAt: '2026-11-30T09:01:00Z', deliveredAt: '2026-11-30T09:01:00Z', payload: '{"type":"ping"}' }

function respond(url: string, init?: RequestInit): unknown {
  if (url === '/api/v1/admin/webhooks/event-types') return ['thread.created', 'member.registered']
  if (url === '/api/v1/admin/webhooks' && init?.method === 'POST') return { webhook: { ...hook, id: 4 }, secret: 'whsec_abc' }
  if (url === '/api/v1/admin/webhooks') return [hook]
  if (url.endsWith('/test')) return delivery
  if (url.includes('/deliveries')) return [delivery]
  return {}
}

function mountPage() {
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => new Response(
    JSON.stringify(respond(String(input), init)), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  const wrapper = mount(AdminWebhooksPage, { global: { plugins: [createAppI18n('fr')], directives: { reflow: {} } } })
  return { fetch, wrapper }
}

describe('AdminWebhooksPage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('registers a webhook with the events chosen and shows its secret once', async () => {
    const { fetch, wrapper } = mountPage()
    await flushPromises()
    await wrapper.find('#hook-url').setValue(' https://hooks.example.com/in ')
    await wrapper.find('[data-test="hook-type-member.registered"]').setValue(true)
    await wrapper.find('[data-test=webhook-form]').trigger('submit')
    await flushPromises()
    const [, init] = fetch.mock.calls.find(([url, i]) => String(url) === '/api/v1/admin/webhooks' && i?.method === 'POST')!
    expect(JSON.parse(String(init!.body))).toEqual({ url: 'https://hooks.example.com/in', description: '',
      eventTypes: ['member.registered'], includePrivate: false, allowPrivateNetwork: false })
    expect(wrapper.find('[data-test=webhook-secret-value]').text()).toBe('whsec_abc')
    expect(wrapper.text()).toContain('Un membre s’inscrit')
  })

  it('sends a test event and shows its delivery in the log', async () => {
    const { fetch, wrapper } = mountPage()
    await flushPromises()
    await wrapper.find('[data-test=webhook-test]').trigger('click')
    await flushPromises()
    expect(fetch.mock.calls.some(([url, i]) => String(url) === '/api/v1/admin/webhooks/3/test' && i?.method === 'POST')).toBe(true)
    expect(wrapper.find('[data-test=delivery-status]').text()).toBe('Livré')
    expect(wrapper.find('[data-test=webhook-deliveries]').text()).toContain('HTTP 200')
    wrapper.unmount()
  })
})
