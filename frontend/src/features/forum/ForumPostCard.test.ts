import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ForumPostCard from './ForumPostCard.vue'
import { createAppI18n } from '@/app/i18n'
import type { PostView } from '@/api/forum'

const post: PostView = { id: 42, position: 1,
  author: { username: 'noah', displayName: 'Noah', role: 'MEMBER', avatarUrl: '/a.svg' } as PostView['author'],
  html: '<p>Step 1: open settings.</p>', source: 'Step 1: open settings.', replyTo: null,
  createdAt: '2026-11-20T10:00:00Z', editedAt: null, editCount: 0, deleted: false, reactions: [], canEdit: false,
  canDelete: false, canReact: true, accepted: false, hidden: false, official: false, canFlag: true, wiki: false,
  canWiki: false, hiddenBy: null }

function mountIn(language: 'en' | 'fr', view: PostView) {
  return mount(ForumPostCard, { props: { post: view, canAccept: false, canReply: true, signedIn: true },
    global: { plugins: [createAppI18n(language)], stubs: { RouterLink: { template: '<a><slot /></a>' } } } })
}

describe('ForumPostCard and wiki posts', () => {
  afterEach(() => vi.restoreAllMocks())

  it('marks a wiki post and offers its level-2 editor an edit, not a delete', () => {
    const wrapper = mountIn('en', { ...post, wiki: true, canEdit: true })
    expect(wrapper.find('[data-test=wiki-badge]').text()).toContain('Wiki')
    expect(wrapper.find('[data-test=edit]').text()).toBe('Edit the wiki')
    expect(wrapper.find('[data-test=delete]').exists()).toBe(false)
    expect(wrapper.find('[data-test=wiki-toggle]').exists()).toBe(false)
  })

  it('lets whoever may make it a wiki do so, in French, and shows the answer of the server', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(
      JSON.stringify({ ...post, wiki: true, canWiki: true, canEdit: true, canDelete: true }),
      { status: 200, headers: { 'Content-Type': 'application/json' } }))
    const wrapper = mountIn('fr', { ...post, canWiki: true, canEdit: true, canDelete: true })
    const toggle = wrapper.find('[data-test=wiki-toggle]')
    expect(toggle.text()).toBe('En faire un wiki')
    await toggle.trigger('click')
    await flushPromises()
    const [url, init] = fetch.mock.calls[0]
    expect(String(url)).toBe('/api/v1/posts/42/wiki')
    expect((init as RequestInit).method).toBe('PUT')
    expect(JSON.parse(String((init as RequestInit).body))).toEqual({ wiki: true })
    expect((wrapper.emitted('changed')![0][0] as PostView).wiki).toBe(true)
  })

  it('closes the reaction picker once a reaction is chosen', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(
      JSON.stringify([{ kind: 'like', count: 1, mine: true }]),
      { status: 200, headers: { 'Content-Type': 'application/json' } }))
    const wrapper = mountIn('en', post)
    const details = wrapper.find('details.add-reaction').element as HTMLDetailsElement
    details.open = true
    await wrapper.find('[data-test=pick-like]').trigger('click')
    await flushPromises()
    expect(details.open).toBe(false)
    expect(wrapper.emitted('changed')?.[0][0]).toMatchObject({ reactions: [{ kind: 'like', count: 1, mine: true }] })
  })

  it('offers to keep the post, showing when it is kept', () => {
    const kept = mount(ForumPostCard, { props: { post, canAccept: false, canReply: true, signedIn: true,
      bookmarked: true }, global: { plugins: [createAppI18n('fr')], stubs: { RouterLink: { template: '<a><slot /></a>' } } } })
    expect(kept.find('[data-test=bookmark]').attributes('aria-pressed')).toBe('true')
    expect(kept.find('[data-test=bookmark]').text()).toContain('Gardé')
  })
})
