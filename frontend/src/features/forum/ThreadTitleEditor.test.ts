import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ThreadTitleEditor from './ThreadTitleEditor.vue'
import { createAppI18n } from '@/app/i18n'
import type { ThreadDetail } from '@/api/forum'

const detail = { thread: { id: 7, title: 'halp pls export' } } as unknown as ThreadDetail

function mountIn(language: 'en' | 'fr') {
  return mount(ThreadTitleEditor, { props: { detail }, global: { plugins: [createAppI18n(language)] } })
}

describe('ThreadTitleEditor', () => {
  afterEach(() => vi.restoreAllMocks())

  it('saves the new title and hands back what the server answered', async () => {
    const saved = { thread: { id: 7, title: 'How do I export my invoices?' } }
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify(saved),
      { status: 200, headers: { 'Content-Type': 'application/json' } }))
    const wrapper = mountIn('en')
    expect(wrapper.find('label').text()).toBe('Title of the thread')
    await wrapper.find('input').setValue('  How do I export my invoices?  ')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const [url, init] = fetch.mock.calls[0]
    expect(String(url)).toBe('/api/v1/threads/7')
    expect((init as RequestInit).method).toBe('PATCH')
    expect(JSON.parse(String((init as RequestInit).body))).toEqual({ title: 'How do I export my invoices?' })
    expect(wrapper.emitted('saved')![0][0]).toEqual(saved)
  })

  it('says in French why a title is refused, before and after asking the server', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify({ status: 403,
      code: 'problem.threadLocked', detail: 'This thread is locked.' }),
      { status: 403, headers: { 'Content-Type': 'application/problem+json' } }))
    const wrapper = mountIn('fr')
    await wrapper.find('input').setValue('ab')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[role=alert]').text()).toContain('3 à 200')
    await wrapper.find('input').setValue('Exporter mes factures')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.emitted('saved')).toBeUndefined()
    expect(wrapper.find('[role=alert]').text()).toBe('Cette discussion est verrouillée : plus de nouvelles réponses.')
  })
})
