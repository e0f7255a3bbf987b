import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import IdeaPanel from './IdeaPanel.vue'
import { createAppI18n } from '@/app/i18n'
import { useSessionStore } from '@/features/accounts/useSessionStore'

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const base = { threadId: 5, votes: 3, status: null, statusNote: '', statusAt: null, voted: false, canVote: true,
  votesLeft: 2, budget: 10, canSetStatus: false }

async function mountPanel(language: 'en' | 'fr', staff = false) {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.member = { id: 1, username: 'ana', email: 'ana@example.test', displayName: 'Ana', bio: '',
    role: staff ? 'MODERATOR' : 'MEMBER', locale: language, joinedAt: '2026-01-01T00:00:00Z', avatarUrl: '/a.svg',
    emailVerified: true }
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/', component: { template: '<p/>' } },
    { path: '/sign-in', name: 'sign-in', component: { template: '<p/>' } }] })
  const wrapper = mount(IdeaPanel, { props: { threadId: 5 }, global: { plugins: [createAppI18n(language), router] } })
  await flushPromises()
  return wrapper
}

describe('IdeaPanel', () => {
  afterEach(() => vi.restoreAllMocks())

  it('votes and takes the vote back with one toggle button, showing the votes left', async () => {
    const calls: string[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const call = `${init?.method ?? 'GET'} ${String(input)}`
      calls.push(call)
      if (call === 'PUT /api/v1/threads/5/vote') return json({ ...base, votes: 4, voted: true, votesLeft: 1 })
      if (call === 'DELETE /api/v1/threads/5/vote') return json(base)
      return json(base)
    })
    const wrapper = await mountPanel('en')
    const button = wrapper.find('[data-test=vote]')
    expect(button.attributes('aria-pressed')).toBe('false')
    expect(wrapper.find('[data-test=vote-count]').text()).toBe('3 votes')
    expect(wrapper.find('[data-test=votes-left]').text()).toBe('You have 2 votes left out of 10.')
    await button.trigger('click')
    await flushPromises()
    expect(calls).toContain('PUT /api/v1/threads/5/vote')
    expect(wrapper.find('[data-test=vote]').attributes('aria-pressed')).toBe('true')
    expect(wrapper.find('[data-test=votes-left]').text()).toBe('You have 1 vote left out of 10.')
    await wrapper.find('[data-test=vote]').trigger('click')
    await flushPromises()
    expect(calls).toContain('DELETE /api/v1/threads/5/vote')
    expect(wrapper.find('form').exists()).toBe(false)
  })

  it('lets staff set the status with a note for the voters, in French', async () => {
    const calls: { call: string; body: string }[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const call = `${init?.method ?? 'GET'} ${String(input)}`
      calls.push({ call, body: String(init?.body ?? '') })
      if (call === 'PUT /api/v1/threads/5/idea-status') {
        return json({ ...base, status: 'PLANNED', statusNote: 'En mars.', statusAt: new Date().toISOString(),
          canSetStatus: true })
      }
      return json({ ...base, canSetStatus: true })
    })
    const wrapper = await mountPanel('fr', true)
    expect(wrapper.find('[data-test=idea-status]').text()).toBe('Nouvelle')
    await wrapper.find('#idea-status').setValue('PLANNED')
    await wrapper.find('#idea-note').setValue('En mars.')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const put = calls.find((c) => c.call === 'PUT /api/v1/threads/5/idea-status')
    expect(JSON.parse(put!.body)).toEqual({ status: 'PLANNED', note: 'En mars.' })
    expect(wrapper.find('[data-test=idea-status]').text()).toBe('Prévue')
    expect(wrapper.find('[data-test=status-note]').text()).toBe('En mars.')
    expect(wrapper.text()).toContain('Les votants sont prévenus.')
  })
})
