import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AccountSecuritySettings from './AccountSecuritySettings.vue'
import { createAppI18n } from '@/app/i18n'

function json(body: unknown, status = 200, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

const now = new Date().toISOString()
const sessions = [
  { id: 'aaaaaaaaaaaaaaaa', createdAt: now, lastSeenAt: now, ip: '192.0.2.1', browser: 'Firefox', system: 'Linux',
    current: true },
  { id: 'bbbbbbbbbbbbbbbb', createdAt: now, lastSeenAt: now, ip: '192.0.2.9', browser: 'Safari', system: 'iOS',
    current: false },
]

describe('AccountSecuritySettings', () => {
  afterEach(() => vi.restoreAllMocks())

  it('lists the browsers, marks this one, and ends another', async () => {
    const calls: string[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${String(input)}`)
      if (init?.method === 'DELETE') return new Response(null, { status: 204 })
      return json(sessions)
    })
    const wrapper = mount(AccountSecuritySettings, { global: { plugins: [createAppI18n('en')] } })
    await flushPromises()
    expect(wrapper.find('[data-test=session-aaaaaaaaaaaaaaaa]').text()).toContain('Firefox on Linux')
    expect(wrapper.find('[data-test=session-aaaaaaaaaaaaaaaa]').text()).toContain('This browser')
    await wrapper.find('[data-test=end-session-bbbbbbbbbbbbbbbb]').trigger('click')
    await flushPromises()
    expect(calls).toContain('DELETE /api/v1/account/sessions/bbbbbbbbbbbbbbbb')
    expect(wrapper.text()).toContain('That browser is signed out.')
  })

  it('shows the server’s refusal under the field it concerns, in French', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (init?.method === 'POST') {
        return json({ status: 422, title: 'Invalide', errors: [{ field: 'currentPassword',
          code: 'validation.passwordWrong', message: 'Ce n’est pas votre mot de passe actuel.' }] }, 422,
        'application/problem+json')
      }
      return json(sessions)
    })
    const wrapper = mount(AccountSecuritySettings, { global: { plugins: [createAppI18n('fr')] } })
    await flushPromises()
    await wrapper.find('[data-test=change-password]').trigger('submit')
    await flushPromises()
    expect(wrapper.findAll('[role=alert]').map((a) => a.text())).toEqual(['Ce champ est obligatoire.',
      'Ce champ est obligatoire.'])
    await wrapper.find('#current-password').setValue('wrong one')
    await wrapper.find('#new-password').setValue('A brand new horse 44')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('#current-password-error').text()).toBe('Ce n’est pas votre mot de passe actuel.')
    expect(wrapper.find('#new-password-error').exists()).toBe(false)
  })
})
