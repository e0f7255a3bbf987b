import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AdminApiKeysPage from './AdminApiKeysPage.vue'
import { createAppI18n } from '@/app/i18n'

const key = { id: 8, name: 'Reporting', prefix: 'ruche_AbCdEf', kind: 'GLOBAL', scopes: ['READ', 'ADMIN'], actsAs: 'admin',
  createdBy: 'admin', perMinute: 600, createdAt: '2026-11-30T09:00:00Z', revokedAt: null, lastUsedAt: '2026-11-30T09:05:00Z',
  lastUsedAddress: '203.0.113.9' }

describe('AdminApiKeysPage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('makes a global key with the scopes ticked, shows its secret once and lists it', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input)
      const body = url === '/api/v1/admin/api-keys' && init?.method === 'POST' ? { key, token: 'ruche_console' } : []
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    const wrapper = mount(AdminApiKeysPage, { global: { plugins: [createAppI18n('fr')], directives: { reflow: {} } } })
    await flushPromises()
    expect(wrapper.text()).toContain('Aucune clé d’API')
    await wrapper.find('#key-name').setValue('Reporting')
    await wrapper.find('[data-test=key-scope-ADMIN]').setValue(true)
    expect(wrapper.text()).toContain('pouvoirs d’équipe')
    await wrapper.find('[data-test=api-key-form]').trigger('submit')
    await flushPromises()
    const [, init] = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!
    expect(JSON.parse(String(init!.body))).toEqual({ name: 'Reporting', scopes: ['READ', 'ADMIN'], actsAs: null, perMinute: 600 })
    expect(wrapper.find('[data-test=api-key-token]').text()).toBe('ruche_console')
    expect(wrapper.findAll('[data-test=api-key-row]')).toHaveLength(1)
    expect(wrapper.text()).toContain('203.0.113.9')
  })
})
