import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import MemberBadges from './MemberBadges.vue'
import { createAppI18n } from '@/app/i18n'
import type { MemberBadge } from '@/api/badges'

const solved = { id: 8, slug: 'solved', name: { en: 'Solved', fr: 'Résolu' },
  description: { en: 'Had an answer accepted.', fr: 'A vu une de ses réponses acceptée.' }, icon: 'check',
  tier: 'BRONZE', group: 'CONTRIBUTION', multiple: false, retired: false, enabled: true, allowTitle: false,
  rule: 'ACCEPTED_ANSWERS', threshold: 1, holders: 3, earned: 1 }
const niceReply = { ...solved, id: 4, slug: 'nice-reply', name: { en: 'Nice reply', fr: 'Belle réponse' },
  tier: 'SILVER', multiple: true }
const grants: MemberBadge[] = [
  { grantId: 3, badge: niceReply, grantedAt: '2026-11-20T10:00:00Z', earnedBy: null },
  { grantId: 2, badge: niceReply, grantedAt: '2026-11-19T10:00:00Z', earnedBy: null },
  { grantId: 1, badge: solved as MemberBadge['badge'], grantedAt: '2026-11-18T10:00:00Z',
    earnedBy: { threadId: 7, threadTitle: 'Export invoices', url: '/t/7/export-invoices#post-2' } },
] as MemberBadge[]

function mountIn(language: 'en' | 'fr', list: MemberBadge[]) {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => new Response(
    JSON.stringify(String(input).includes('/badges/titles') ? [] : list),
    { status: 200, headers: { 'Content-Type': 'application/json' } }))
  return mount(MemberBadges, { props: { username: 'noah' }, global: { plugins: [createAppI18n(language)],
    stubs: { RouterLink: { template: '<a><slot /></a>' } } } })
}

describe('MemberBadges', () => {
  afterEach(() => vi.restoreAllMocks())

  it('lists each badge once with how many times it was earned, and what earned it', async () => {
    const wrapper = mountIn('en', grants)
    await flushPromises()
    const chips = wrapper.findAll('[data-test=badge-chip]')
    expect(chips).toHaveLength(2)
    expect(chips[0].text()).toContain('Nice reply')
    expect(chips[0].text()).toContain('×2')
    expect(wrapper.find('[data-test=badge-earned-by]').text()).toBe('Earned in “Export invoices”')
  })

  it('speaks French and says when there is no badge yet', async () => {
    const wrapper = mountIn('fr', [])
    await flushPromises()
    expect(wrapper.text()).toContain('Pas encore de badge.')
  })
})
