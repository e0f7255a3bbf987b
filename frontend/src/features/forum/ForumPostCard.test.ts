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
})
