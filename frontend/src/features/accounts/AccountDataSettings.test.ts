import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import AccountDataSettings from './AccountDataSettings.vue'
import { createAppI18n } from '@/app/i18n'

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('AccountDataSettings', () => {
  afterEach(() => vi.restoreAllMocks())

  it('asks for the password, confirms, then shows the date and a way to keep the account', async () => {
    setActivePinia(createPinia())
    const calls: string[] = []
    const due = '2026-12-07T10:00:00Z'
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const call = `${init?.method ?? 'GET'} ${String(input)}`
      calls.push(call)
      if (call === 'GET /api/v1/account/exports') return json([])
      if (call === 'POST /api/v1/account/deletion') return json({ dueAt: due, posts: 'KEEP' })
      if (call === 'DELETE /api/v1/account/deletion') return json({ dueAt: null, posts: 'KEEP' })
      return json({ dueAt: null, posts: 'KEEP' })
    })
    const wrapper = mount(AccountDataSettings, { attachTo: document.body,
      global: { plugins: [createAppI18n('en')] } })
    await flushPromises()
    expect(wrapper.text()).toContain('Your posts will stay in their threads')
    await wrapper.find('[data-test=delete-account-button]').trigger('click')
    await flushPromises()
    expect(wrapper.find('#delete-password-error').text()).toBe('This field is required.')
    await wrapper.find('#delete-password').setValue('Correct horse 42')
    await wrapper.find('#delete-account form').trigger('submit')
    await flushPromises()
    expect(calls).not.toContain('POST /api/v1/account/deletion')
    ;(document.querySelector('[data-test=confirm-yes]') as HTMLButtonElement).click()
    await flushPromises()
    expect(calls).toContain('POST /api/v1/account/deletion')
    expect(wrapper.find('[data-test=deletion-pending]').text()).toContain('Your account will be deleted on')
    await wrapper.find('[data-test=keep-account]').trigger('click')
    await flushPromises()
    expect(calls).toContain('DELETE /api/v1/account/deletion')
    expect(wrapper.find('[data-test=deletion-pending]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows an export being prepared, then its download link, in French', async () => {
    setActivePinia(createPinia())
    let ready = false
    let asked = false
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const call = `${init?.method ?? 'GET'} ${String(input)}`
      if (call === 'POST /api/v1/account/exports') asked = true
      if (call === 'POST /api/v1/account/exports') return json({ id: 4, requestedAt: '2026-11-30T10:00:00Z',
        readyAt: null, expiresAt: null, sizeBytes: null }, 202)
      if (call === 'GET /api/v1/account/exports') {
        if (!asked) return json([])
        return json(ready ? [{ id: 4, requestedAt: '2026-11-30T10:00:00Z', readyAt: '2026-11-30T10:00:05Z',
          expiresAt: '2026-12-07T10:00:05Z', sizeBytes: 20480 }] : [{ id: 4, requestedAt: '2026-11-30T10:00:00Z',
          readyAt: null, expiresAt: null, sizeBytes: null }])
      }
      return json({ dueAt: null, posts: 'REMOVE' })
    })
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const wrapper = mount(AccountDataSettings, { global: { plugins: [createAppI18n('fr')] } })
    await flushPromises()
    await wrapper.find('[data-test=request-export]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test=export-waiting]').text()).toContain('En préparation')
    expect(wrapper.text()).toContain('Le texte de vos messages sera effacé')
    ready = true
    await vi.advanceTimersByTimeAsync(4100)
    await flushPromises()
    const link = wrapper.find('[data-test=export-download]')
    expect(link.attributes('href')).toBe('/api/v1/account/exports/4/download')
    expect(wrapper.text()).toContain('20 Ko')
    vi.useRealTimers()
    wrapper.unmount()
  })
})
