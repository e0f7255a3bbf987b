import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import EventPage from './EventPage.vue'
import { createAppI18n } from '@/app/i18n'
import { useSessionStore } from '@/features/accounts/useSessionStore'
import type { EventDetail } from '@/api/events'

const base: EventDetail = { id: 7, slug: 'webinar', title: 'Invoices webinar', descriptionHtml: '<p>Learn.</p>',
  descriptionSource: null, coverUrl: null, kind: 'WEBINAR', status: 'PUBLISHED', startsLocal: '2026-12-10T18:00',
  endsLocal: '2026-12-10T19:00', zone: 'Europe/Paris', startsAt: '2026-12-10T17:00:00Z', endsAt: '2026-12-10T18:00:00Z',
  location: '', capacity: 10, seatsLeft: 0, maxGuests: 0, registrationOpensAt: null, registrationClosesAt: null,
  visibility: 'EVERYONE', groupIds: [], hosts: [], threadId: 3, questions: [], mine: null, canRegister: true,
  joinOpensAt: '2026-12-10T16:45:00Z', canJoin: false, joinWindowMinutes: 15, offerHours: 24, autoPromote: false,
  recordingUrl: null, slidesUrl: null, recordingVisibility: 'REGISTRANTS', sequence: 0, canManage: false,
  categoryId: null, seriesId: null, occurrences: [], joinUrl: null }

function mountWith(language: 'en' | 'fr', detail: EventDetail, after?: EventDetail) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().$patch({ member: { id: 1, username: 'noah', displayName: 'Noah', role: 'MEMBER' } } as never)
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => new Response(
    JSON.stringify(init?.method === 'POST' && after ? after : detail),
    { status: 200, headers: { 'Content-Type': 'application/json' } }))
  const wrapper = mount(EventPage, { props: { id: '7' }, global: { plugins: [createAppI18n(language), pinia],
    stubs: { RouterLink: { template: '<a><slot /></a>' } } } })
  return { wrapper, fetch }
}

describe('EventPage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('offers the waitlist when full, then shows the position the server gave', async () => {
    const waitlisted = { ...base, canRegister: false, mine: { status: 'WAITLISTED' as const, guests: 0,
      waitlistPosition: 3, offerExpiresAt: null, attendedAt: null } }
    const { wrapper, fetch } = mountWith('en', base, waitlisted)
    await flushPromises()
    expect(wrapper.find('[data-test=event-register]').text()).toBe('Join the waitlist')
    await wrapper.find('[data-test=event-register-form]').trigger('submit')
    await flushPromises()
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST')!
    expect(String(post[0])).toBe('/api/v1/events/7/registration')
    expect(wrapper.find('[data-test=event-my-status]').text()).toContain('you are number 3 in line')
  })

  it('shows the join button only when the server says it is time, in French', async () => {
    const registered = { ...base, canRegister: false, mine: { status: 'REGISTERED' as const, guests: 0,
      waitlistPosition: null, offerExpiresAt: null, attendedAt: null } }
    const { wrapper } = mountWith('fr', { ...registered, canJoin: true })
    await flushPromises()
    expect(wrapper.find('[data-test=event-join]').text()).toBe('Rejoindre maintenant')
    expect(wrapper.find('[data-test=event-when]').text()).toContain('Europe/Paris')
    expect(wrapper.find('[data-test=event-ics]').attributes('href')).toBe('/api/v1/events/7/event.ics?lang=fr')
  })

  it('lets a member take the seat offered to them', async () => {
    const offered = { ...base, canRegister: false, mine: { status: 'OFFERED' as const, guests: 0, waitlistPosition: null,
      offerExpiresAt: '2026-12-09T10:00:00Z', attendedAt: null } }
    const { wrapper, fetch } = mountWith('en', offered, { ...offered, mine: { ...offered.mine, status: 'REGISTERED' } })
    await flushPromises()
    await wrapper.find('[data-test=event-claim]').trigger('click')
    await flushPromises()
    expect(fetch.mock.calls.some(([url]) => String(url).endsWith('/registration/claim'))).toBe(true)
    expect(wrapper.find('[data-test=event-my-status]').text()).toContain('You are registered')
  })
})
