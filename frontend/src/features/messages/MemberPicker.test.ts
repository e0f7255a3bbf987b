import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import MemberPicker from './MemberPicker.vue'
import { createAppI18n } from '@/app/i18n'

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

describe('MemberPicker', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.useRealTimers()
  })

  it('suggests members as one types and adds one with the keyboard, removing the last with Backspace', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const calls: string[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      calls.push(String(input))
      return json([{ username: 'anna', displayName: 'Anna', avatarUrl: '/a.svg', inThread: false },
        { username: 'annie', displayName: 'Annie', avatarUrl: '/b.svg', inThread: false }])
    })
    const chosen = ref<string[]>([])
    const Host = defineComponent(() => () => h(MemberPicker, { id: 'to', label: 'To', modelValue: chosen.value,
      'onUpdate:modelValue': (v: string[]) => { chosen.value = v } }))
    const wrapper = mount(Host, { global: { plugins: [createAppI18n('en')] } })
    const input = wrapper.find('[data-test=recipient-input]')
    await input.setValue('ann')
    await vi.advanceTimersByTimeAsync(250)
    await flushPromises()
    expect(calls).toEqual(['/api/v1/members/suggest?q=ann'])
    expect(wrapper.findAll('[data-test=recipient-option]')).toHaveLength(2)
    expect(input.attributes('aria-expanded')).toBe('true')
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'Enter' })
    expect(chosen.value).toEqual(['annie'])
    expect(wrapper.find('[data-test=recipient-chip]').text()).toContain('@annie')
    await input.trigger('keydown', { key: 'Backspace' })
    expect(chosen.value).toEqual([])
  })
})
