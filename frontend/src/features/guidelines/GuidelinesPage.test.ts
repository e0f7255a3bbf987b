import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import GuidelinesPage from './GuidelinesPage.vue'
import { createAppI18n } from '@/app/i18n'
import { useSessionStore } from '@/features/accounts/useSessionStore'

const page = { read: false, readAt: null, texts: [
  { language: 'en', source: '## Be kind', html: '<h2>Be kind</h2>', updatedAt: '2026-11-20T10:00:00Z' },
  { language: 'fr', source: '## Soyez bienveillant', html: '<h2>Soyez bienveillant</h2>', updatedAt: '2026-11-20T10:00:00Z' },
] }

let reachEnd: () => void = () => {}
class FakeObserver {
  constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
    reachEnd = () => callback([{ isIntersecting: true }])
  }
  observe() {}
  disconnect() {}
}

function mountIn(language: 'en' | 'fr', signedIn: boolean) {
  const pinia = createPinia()
  setActivePinia(pinia)
  if (signedIn) {
    const session = useSessionStore()
    session.$patch({ member: { id: 1, username: 'noah', displayName: 'Noah', role: 'MEMBER' } } as never)
  }
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => new Response(
    JSON.stringify(String(input).endsWith('/read') ? { readAt: '2026-11-29T10:00:00Z' } : page),
    { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('IntersectionObserver', FakeObserver)
  const wrapper = mount(GuidelinesPage, { global: { plugins: [createAppI18n(language), pinia] } })
  return { wrapper, fetch }
}

describe('GuidelinesPage', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })

  it('shows the French text and says once that a member reached the end', async () => {
    const { wrapper, fetch } = mountIn('fr', true)
    await flushPromises()
    expect(wrapper.find('[data-test=guidelines-body]').html()).toContain('Soyez bienveillant')
    reachEnd()
    reachEnd()
    await flushPromises()
    const reads = fetch.mock.calls.filter(([url]) => String(url).endsWith('/api/v1/guidelines/read'))
    expect(reads).toHaveLength(1)
    expect(wrapper.find('[data-test=guidelines-end]').text()).toContain('Vous avez lu la charte jusqu’au bout')
  })

  it('sends nothing for a guest and tells them how to earn the badge', async () => {
    const { wrapper, fetch } = mountIn('en', false)
    await flushPromises()
    reachEnd()
    await flushPromises()
    expect(fetch.mock.calls.some(([url]) => String(url).endsWith('/read'))).toBe(false)
    expect(wrapper.find('[data-test=guidelines-end]').text()).toContain('Sign in and read them to the end')
  })
})
