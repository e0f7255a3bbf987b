import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ProfilePage from './ProfilePage.vue'
import { useSessionStore } from './useSessionStore'
import { createAppI18n } from '@/app/i18n'

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const profile = { username: 'noah', displayName: 'Noah', bio: '', role: 'MEMBER', joinedAt: '2026-01-02T00:00:00Z',
  avatarUrl: '/a.svg', canEdit: false }

async function mountAs(role: 'MEMBER' | 'MODERATOR') {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.member = { id: 1, username: 'camille', email: 'c@example.test', displayName: 'Camille', bio: '', role,
    locale: 'en', joinedAt: profile.joinedAt, avatarUrl: '/c.svg', emailVerified: true }
  const calls: string[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${String(input)} ${init?.body ?? ''}`)
    if (init?.method === 'POST') return new Response(null, { status: 204 })
    if (String(input).endsWith('/badges')) return json([])
    return json(profile)
  })
  const wrapper = mount(ProfilePage, { props: { username: 'noah' }, global: {
    plugins: [createAppI18n('en')], stubs: { RouterLink: true } } })
  await flushPromises()
  return { wrapper, calls }
}

describe('ProfilePage staff message', () => {
  afterEach(() => vi.restoreAllMocks())

  it('lets a moderator write to the member', async () => {
    const { wrapper, calls } = await mountAs('MODERATOR')
    const form = wrapper.find('[data-test=staff-message]')
    await form.find('textarea').setValue('Please keep it friendly.')
    await form.trigger('submit')
    await flushPromises()
    expect(calls.some((c) => c.startsWith('POST /api/v1/members/noah/staff-messages')
      && c.includes('Please keep it friendly.'))).toBe(true)
    expect(wrapper.text()).toContain('Message sent.')
  })

  it('is not offered to members', async () => {
    const { wrapper } = await mountAs('MEMBER')
    expect(wrapper.find('[data-test=staff-message]').exists()).toBe(false)
  })
})
