import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AdminThemePage from './AdminThemePage.vue'
import { createAppI18n } from '@/app/i18n'

const state = { packs: [{ id: 'default', labels: { en: 'Ruche (light)', fr: 'Ruche (clair)' }, mode: 'light' },
  { id: 'dark', labels: { en: 'Ruche (dark)', fr: 'Ruche (sombre)' }, mode: 'dark' }], active: 'default',
brand: { themeId: 'default', accent: null, accentContrast: null, headerBg: null, headerText: null, font: null,
  radius: null, version: 3 },
checks: [{ pair: 'link', foreground: '#9a5b00', background: '#ffffff', ratio: 5.2, passes: true }], customLogo: false, customFavicon: false }

describe('AdminThemePage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('warns about a failing contrast before saving and saves only once confirmed', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input)
      const method = (init as RequestInit | undefined)?.method ?? 'GET'
      const body = url.endsWith('/check') ? [{ pair: 'link', foreground: '#ffff00', background: '#ffffff', ratio: 1.07,
        passes: false }] : url.includes('/api/v1/theme') ? { cssUrl: '/theme/theme.css?v=4' } : method === 'PUT'
        ? { ...state, brand: { ...state.brand, accent: '#ffff00', version: 4 } } : state
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    vi.useFakeTimers()
    const wrapper = mount(AdminThemePage, { global: { plugins: [createAppI18n('fr')] } })
    await vi.runAllTimersAsync()
    await flushPromises()
    expect(wrapper.text()).toContain('Ruche (sombre)')
    await wrapper.find('[data-test=theme-accent]').setValue('#ffff00')
    await wrapper.find('[data-test=theme-accent]').trigger('input')
    await vi.runAllTimersAsync()
    await flushPromises()
    expect(wrapper.find('[data-test=theme-contrast]').text()).toContain('trop faible')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(fetch.mock.calls.some(([, i]) => (i as RequestInit | undefined)?.method === 'PUT')).toBe(false)
    expect(wrapper.find('[role=alert]').text()).toContain('cochez la confirmation')
    await wrapper.find('[data-test=theme-confirm]').setValue(true)
    await wrapper.find('form').trigger('submit')
    await vi.runAllTimersAsync()
    await flushPromises()
    const put = fetch.mock.calls.find(([, i]) => (i as RequestInit | undefined)?.method === 'PUT')!
    expect(JSON.parse(String((put[1] as RequestInit).body))).toMatchObject({ accent: '#ffff00', confirmLowContrast: true })
    vi.useRealTimers()
  })
})
