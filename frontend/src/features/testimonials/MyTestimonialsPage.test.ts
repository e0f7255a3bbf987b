import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import MyTestimonialsPage from './MyTestimonialsPage.vue'
import { createAppI18n } from '@/app/i18n'

const proposed = { id: 7, postId: 3, threadPath: '/t/2/feedback', username: 'ines', displayName: 'Inès',
  text: 'This saved our team hours', origins: ['https://www.brand.example'], expiresAt: '2027-06-30T00:00:00Z',
  status: 'PROPOSED', showIdentity: false, shown: true, proposedAt: '2026-11-30T10:00:00Z', answeredAt: null,
  withdrawnAt: null, live: false }

describe('MyTestimonialsPage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('shows exactly what is asked, where and until when, and sends the answer with the identity choice', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const method = (init as RequestInit | undefined)?.method ?? 'GET'
      const body = method === 'POST' ? { ...proposed, status: 'ACCEPTED', showIdentity: true,
        answeredAt: '2026-11-30T11:00:00Z' } : [proposed]
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    const wrapper = mount(MyTestimonialsPage, { global: { plugins: [createAppI18n('fr')],
      stubs: { RouterLink: { template: '<a><slot /></a>' } } } })
    await flushPromises()
    const card = wrapper.find('[data-test=testimonial-7]')
    expect(card.text()).toContain('This saved our team hours')
    expect(card.text()).toContain('https://www.brand.example')
    expect(card.text()).toContain('En attente de votre réponse')
    await card.find('[data-test=testimonial-identity]').setValue(true)
    await card.find('[data-test=testimonial-accept]').trigger('click')
    await flushPromises()
    const sent = fetch.mock.calls.find(([url]) => String(url).includes('/7/answer'))!
    expect(JSON.parse(String((sent[1] as RequestInit).body))).toEqual({ accept: true, showIdentity: true })
    expect(wrapper.find('[data-test=testimonial-status]').text()).toContain('avec votre nom et votre photo')
    expect(wrapper.find('[data-test=testimonial-withdraw]').exists()).toBe(true)
  })
})
