import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import FlagDialog from './FlagDialog.vue'
import { createAppI18n } from '@/app/i18n'
import type { PostView } from '@/api/forum'

const post = { id: 42, author: { username: 'noah', displayName: 'Noah', avatarUrl: '', role: 'MEMBER' } } as unknown as PostView

function mountIn(language: 'en' | 'fr') {
  return mount(FlagDialog, { props: { post }, global: { plugins: [createAppI18n(language)] } })
}

describe('FlagDialog', () => {
  afterEach(() => vi.restoreAllMocks())

  it('sends the chosen reason and note to the moderators', async () => {
    const calls: { url: string; body: string }[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      calls.push({ url: String(input), body: String(init?.body) })
      return new Response(null, { status: 204 })
    })
    const wrapper = mountIn('en')
    expect(wrapper.text()).toContain('Flag the post of Noah')
    await wrapper.find('[data-test=flag-HARASSMENT]').setValue(true)
    await wrapper.find('textarea').setValue('Insults in every reply')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(calls[0].url).toBe('/api/v1/posts/42/flags')
    expect(JSON.parse(calls[0].body)).toEqual({ reason: 'HARASSMENT', note: 'Insults in every reply' })
    expect(wrapper.emitted('flagged')).toHaveLength(1)
  })

  it('shows the server explanation, in French, when the post was already flagged', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify({ status: 409,
      code: 'problem.alreadyFlagged', detail: 'Vous avez déjà signalé ce message ; les modérateurs vont l\'examiner.' }),
    { status: 409, headers: { 'Content-Type': 'application/problem+json' } }))
    const wrapper = mountIn('fr')
    expect(wrapper.text()).toContain('Hors sujet')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[role=alert]').text()).toContain('déjà signalé')
    expect(wrapper.emitted('flagged')).toBeUndefined()
  })
})
