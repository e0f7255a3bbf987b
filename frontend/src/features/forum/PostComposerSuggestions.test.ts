import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PostComposer from './PostComposer.vue'
import { createAppI18n } from '@/app/i18n'

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

function mountComposer(language: 'en' | 'fr', calls: string[]) {
  localStorage.clear()
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    calls.push(String(input))
    if (String(input).startsWith('/api/v1/members/suggest')) {
      return json([{ username: 'jeanne', displayName: 'Jeanne D.', avatarUrl: '/j.svg', inThread: true }])
    }
    return json({ html: '' })
  })
  return mount(PostComposer, { props: { draftKey: 'suggest-test', label: 'Reply', submitLabel: 'Send', threadId: 12 },
    attachTo: document.body, global: { plugins: [createAppI18n(language)] } })
}

async function type(textarea: ReturnType<ReturnType<typeof mount>['find']>, value: string) {
  const el = textarea.element as HTMLTextAreaElement
  await textarea.setValue(value)
  el.setSelectionRange(value.length, value.length)
  await textarea.trigger('input')
}

describe('PostComposer suggestions', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('suggests members for @ (the thread first) and puts the chosen name in with Enter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const calls: string[] = []
    const wrapper = mountComposer('en', calls)
    const textarea = wrapper.find('textarea')
    await type(textarea, 'Thanks @jea')
    await vi.advanceTimersByTimeAsync(200)
    await flushPromises()
    expect(calls).toContain('/api/v1/members/suggest?q=jea&thread=12')
    expect(textarea.attributes('aria-expanded')).toBe('true')
    expect(wrapper.find('[data-test=suggestion]').text()).toContain('@jeanne')
    await textarea.trigger('keydown', { key: 'Enter' })
    expect((textarea.element as HTMLTextAreaElement).value).toBe('Thanks @jeanne ')
    expect(wrapper.find('[data-test=suggestions]').isVisible()).toBe(false)
  })

  it('turns :shortcodes into emoji, and the picker closes after a choice, in French', async () => {
    const wrapper = mountComposer('fr', [])
    const textarea = wrapper.find('textarea')
    await type(textarea, 'Bravo :tad')
    expect(wrapper.find('[data-test=suggestion]').text()).toContain(':tada:')
    await textarea.trigger('keydown', { key: 'Tab' })
    expect((textarea.element as HTMLTextAreaElement).value).toBe('Bravo 🎉 ')

    await wrapper.find('[data-test=emoji-button]').trigger('click')
    expect(wrapper.find('[data-test=emoji-grid]').attributes('aria-label')).toBe('Insérer un émoji')
    await wrapper.find('[data-test=emoji-rocket]').trigger('click')
    expect(wrapper.find('[data-test=emoji-grid]').exists()).toBe(false)
    expect((textarea.element as HTMLTextAreaElement).value).toContain('🚀')
  })
})
