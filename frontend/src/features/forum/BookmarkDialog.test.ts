import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import BookmarkDialog from './BookmarkDialog.vue'
import { createAppI18n } from '@/app/i18n'

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('BookmarkDialog', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    document.body.innerHTML = ''
  })

  it('keeps the post with a note and a reminder tomorrow at nine, in the browser’s zone', async () => {
    let sent: { note: string; remindAt: string | null } | null = null
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      sent = JSON.parse(String(init?.body))
      return json({ id: 1, postId: 7 })
    })
    const wrapper = mount(BookmarkDialog, { props: { postId: 7, bookmarked: false }, attachTo: document.body,
      global: { plugins: [createAppI18n('en')] } })
    await wrapper.find('#bookmark-note').setValue('compare prices')
    await wrapper.find('#bookmark-when').setValue('tomorrow')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(sent!.note).toBe('compare prices')
    const at = new Date(sent!.remindAt!)
    const tomorrow = new Date()
    tomorrow.setDate(tomorrow.getDate() + 1)
    expect(at.getDate()).toBe(tomorrow.getDate())
    expect(at.getHours()).toBe(9)
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('asks for the date when the reader chooses their own, in French', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch')
    const wrapper = mount(BookmarkDialog, { props: { postId: 7, bookmarked: true }, attachTo: document.body,
      global: { plugins: [createAppI18n('fr')] } })
    await wrapper.find('#bookmark-when').setValue('custom')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    expect(wrapper.find('#bookmark-at-error').text()).toBe('Ce champ est obligatoire.')
    expect(wrapper.find('[data-test=bookmark-remove]').text()).toBe('Retirer des favoris')
  })
})
