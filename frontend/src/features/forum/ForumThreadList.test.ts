import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createRouter, createMemoryHistory } from 'vue-router'
import ForumThreadList from './ForumThreadList.vue'
import { createAppI18n } from '@/app/i18n'
import type { ThreadSummary } from '@/api/forum'

const thread: ThreadSummary = {
  id: 4, title: 'Où est le manuel ?', slug: 'ou-est-le-manuel',
  category: { id: 1, slug: 'aide', name: 'Aide', color: '#1d4ed8', kind: 'QUESTIONS' },
  author: { username: 'marie', displayName: 'Marie', avatarUrl: '/a.svg', role: 'MEMBER' },
  lastPoster: null, replies: 2, views: 10, reactions: 1, participants: 2, tags: ['manuel'], pinned: false,
  pinnedGlobally: false, locked: false, archived: false, solved: true, createdAt: new Date().toISOString(),
  lastPostAt: new Date().toISOString(), unreadPosts: 2, isNew: false,
}

function mountList(language: 'en' | 'fr') {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/t/:id/:slug?', name: 'thread', component: { template: '<p/>' } },
    { path: '/c/:slug', name: 'category', component: { template: '<p/>' } },
    { path: '/tags/:tag', name: 'tag', component: { template: '<p/>' } },
  ] })
  return mount(ForumThreadList, { props: { threads: [thread], showCategory: true },
    global: { plugins: [createAppI18n(language), router] } })
}

describe('ForumThreadList', () => {
  it('shows title, category, tags, solved and unread markers', () => {
    const wrapper = mountList('en')
    expect(wrapper.find('[data-test=thread-title]').attributes('href')).toBe('/t/4/ou-est-le-manuel')
    expect(wrapper.text()).toContain('Aide')
    expect(wrapper.text()).toContain('#manuel')
    expect(wrapper.text()).toContain('Solved')
    expect(wrapper.find('[data-test=badge-unread]').text()).toBe('2 unread')
  })

  it('speaks French', () => {
    const wrapper = mountList('fr')
    expect(wrapper.text()).toContain('Résolue')
    expect(wrapper.find('[data-test=badge-unread]').text()).toBe('2 non lus')
    expect(wrapper.text()).toContain('par Marie')
  })
})
