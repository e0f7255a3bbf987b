import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ApiKeySettings from './ApiKeySettings.vue'
import { createAppI18n } from '@/app/i18n'

const key = { id: 5, name: 'Export', prefix: 'ruche_AbCdEf', kind: 'PERSONAL', scopes: ['READ', 'WRITE'], actsAs: 'marie',
  createdBy: 'marie', perMinute: 600, createdAt: '2026-11-30T09:00:00Z', revokedAt: null, lastUsedAt: null, lastUsedAddress: null }

describe('ApiKeySettings', () => {
  afterEach(() => vi.restoreAllMocks())

  it('makes a key that may write, shows its secret once, and asks for a name first', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const body = String(input) === '/api/v1/api-keys' && init?.method === 'POST' ? { key, token: 'ruche_secret' } : []
      return new Response(JSON.stringify(body), { status: init?.method === 'POST' ? 201 : 200,
        headers: { 'Content-Type': 'application/json' } })
    })
    const wrapper = mount(ApiKeySettings, { global: { plugins: [createAppI18n('en')] } })
    await flushPromises()
    expect(wrapper.text()).toContain('You have no API key')
    await wrapper.find('[data-test=my-key-create]').trigger('submit')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('#my-key-name-error').text()).toBe('This field is required.')
    await wrapper.find('[data-test=my-key-name]').setValue('Export')
    await wrapper.find('[data-test=my-key-write]').setValue(true)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const [, init] = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!
    expect(JSON.parse(String(init!.body))).toEqual({ name: 'Export', scopes: ['READ', 'WRITE'] })
    expect(wrapper.find('[data-test=api-key-token]').text()).toBe('ruche_secret')
    expect(wrapper.findAll('[data-test=my-key]')).toHaveLength(1)
    expect(wrapper.text()).toContain('Never used')
  })
})
