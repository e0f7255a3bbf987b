import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AdminAnalyticsPage from './AdminAnalyticsPage.vue'
import { createAppI18n } from '@/app/i18n'
import { exportUrl, shown, type Overview } from '@/api/analytics'

// Charts draw in a real browser; here the chart is a placeholder and the table view is what is checked.
vi.mock('vue-echarts', () => ({ default: { name: 'VChart', template: '<div class="chart-stub" />' } }))

const overview: Overview = { from: '2026-11-01', to: '2026-11-02', withStaff: false, category: 0, group: 0,
  asOf: '2026-11-02T10:00:00Z',
  figures: [
    { metric: 'ACTIVE_MEMBERS', unit: 'count', value: 12, previous: 10, series: [{ day: '2026-11-01', value: 9 }, { day: '2026-11-02', value: 12 }],
      definitionEn: 'Members active that day.', definitionFr: 'Membres actifs ce jour-là.' },
    { metric: 'STICKINESS', unit: 'permille', value: 125, previous: 100, series: [{ day: '2026-11-01', value: 100 },
      { day: '2026-11-02', value: 150 }], definitionEn: 'Stickiness.', definitionFr: 'Adhérence.' },
    { metric: 'SIGNUPS', unit: 'count', value: null, previous: null, series: [{ day: '2026-11-01', value: null },
      { day: '2026-11-02', value: null }], definitionEn: 'New accounts created.', definitionFr: 'Nouveaux comptes créés.' },
    { metric: 'REPLIES', unit: 'count', value: 30, previous: 0, series: [{ day: '2026-11-01', value: 14 }, { day: '2026-11-02', value: 16 }],
      definitionEn: 'Replies published.', definitionFr: 'Réponses publiées.' },
  ] }

function mountIn(language: 'en' | 'fr') {
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input)
    const body = url.includes('/responses') ? { threads: 5, answeredWithin24h: 2, responseRate: 0.4, open: 2,
      medianMinutes: 1800, p90Minutes: null, medianStaffMinutes: null, p90StaffMinutes: null, questions: 4, solved: 3,
      solvedRate: 0.75, flaggedPosts: 2, flagsOpen: 1, medianFlagMinutes: 95 }
      : url.includes('/filters') ? { categories: [{ id: 4, name: 'Support' }], groups: [{ id: 7, name: 'Partners' }] }
      : url.includes('/unanswered') ? [{ threadId: 3, title: 'Export?', slug: 'export', categoryId: 1,
        createdAt: '2026-11-01T10:00:00Z', waitingHours: 30 }]
      : url.includes('/cohorts') ? [{ cohortMonth: '2026-09', size: 4, months: [{ month: '2026-09', active: 4, share: 1 },
        { month: '2026-10', active: 1, share: 0.25 }] }]
      : url.includes('/weekly-mail') ? { on: false }
      : url.includes('/health') ? { score: 62, previous: 58, components: { activity: 0.4, responsiveness: 0.7,
        growth: 1, moderation: 0.9 }, formulaEn: 'score = 100 × …', formulaFr: 'score = 100 × (0,3 × activité …' }
      : url.includes('/highlights') ? { contributors: [], threads: [], referrers: [{ name: 'news.example', link: null, count: 7 }],
        registrations: 10, attendances: 6, showUpRate: 0.6 }
      : url.includes('/searches') ? { top: [{ terms: 'export', searches: 12, withoutResult: 0 }],
        noResult: [{ terms: 'facture pdf', searches: 3, withoutResult: 3 }] }
      : url.includes('/at-risk') ? [{ memberId: 9, username: 'ines', displayName: 'Inès', contributions: 80,
        lastActive: '2026-10-20T10:00:00Z', silentDays: 21, contactedAt: null, contactedBy: null }] : overview
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  })
  const wrapper = mount(AdminAnalyticsPage, { global: { plugins: [createAppI18n(language)],
    stubs: { RouterLink: { template: '<a><slot /></a>' } },
  } })
  return { wrapper, fetch }
}

describe('AdminAnalyticsPage', () => {
  afterEach(() => vi.restoreAllMocks())

  it('shows each figure with its change and its definition one click away, in French', async () => {
    const { wrapper } = mountIn('fr')
    await flushPromises()
    const active = wrapper.find('[data-test=figure-ACTIVE_MEMBERS]')
    expect(active.text()).toContain('Membres actifs (jour)')
    expect(active.text()).toContain('▲ 20 %')
    expect(wrapper.find('[data-test=figure-REPLIES]').text()).toContain('rien avant pour comparer')
    expect(wrapper.find('[data-test=analytics-response-rate]').text()).toBe('40 %')
    expect(wrapper.find('[data-test=analytics-responses]').text()).toContain('30 h 00')
    expect(wrapper.find('[data-test=analytics-responses]').text()).toContain('ouvert')
    expect(wrapper.find('[data-test=analytics-unanswered]').text()).toContain('en attente depuis 30 h')
    expect(wrapper.find('[data-test=analytics-cohorts]').text()).toContain('25 %')
    expect(wrapper.find('[data-test=analytics-no-result]').text()).toContain('facture pdf')
    expect(wrapper.find('[data-test=analytics-health-score]').text()).toContain('62')
    expect(wrapper.find('[data-test=analytics-health]').text()).toContain('58 la période précédente')
    expect(wrapper.find('[data-test=analytics-show-up]').text()).toBe('10 places prises, 6 présences : taux de présence 60 %.')
    expect(wrapper.find('[data-test=analytics-highlights]').text()).toContain('news.example')
    expect(wrapper.find('[data-test=analytics-at-risk]').text()).toContain('silencieux depuis 21 jours après 80 contributions')
    await active.find('[data-test=figure-definition-toggle]').trigger('click')
    expect(active.find('[data-test=figure-definition]').text()).toBe('Membres actifs ce jour-là.')
  })

  it('asks the server again when the range changes, and shows the chart as a table', async () => {
    const { wrapper, fetch } = mountIn('en')
    await flushPromises()
    await wrapper.find('[data-test=analytics-from]').setValue('2026-10-01')
    await flushPromises()
    expect(fetch.mock.calls.some(([url]) => String(url).includes('overview?from=2026-10-01'))).toBe(true)
    await wrapper.find('[data-test=analytics-as-table]').setValue(true)
    expect(wrapper.find('[data-test=analytics-table]').text()).toContain('2026-11-02')
  })

  it('filters by category and group, and every CSV link carries the same filter and the language', async () => {
    const { wrapper, fetch } = mountIn('fr')
    await flushPromises()
    await wrapper.find('[data-test=analytics-category]').setValue('4')
    await wrapper.find('[data-test=analytics-group]').setValue('7')
    await flushPromises()
    const asked = fetch.mock.calls.map(([url]) => String(url))
    expect(asked.some((u) => u.includes('/overview?') && u.includes('category=4&group=7'))).toBe(true)
    expect(asked.some((u) => u.includes('/responses?') && u.includes('category=4&group=7'))).toBe(true)
    expect(asked.some((u) => u.includes('/unanswered?') && u.includes('category=4'))).toBe(true)
    const csv = wrapper.find('[data-test=analytics-csv]').attributes('href')!
    expect(csv).toContain('/api/v1/admin/analytics/export/overview?')
    expect(csv).toContain('category=4&group=7')
    expect(csv).toContain('lang=fr')
    expect(wrapper.find('[data-test=figure-SIGNUPS]').text()).toContain('non ventilé par ce filtre')
    expect(wrapper.find('[data-test=figure-STICKINESS]').text()).toContain('12,5 %')
    expect(wrapper.find('[data-test=analytics-solved]').text()).toContain('75 %')
    expect(wrapper.find('[data-test=analytics-flag-median]').text()).toBe('1 h 35')
  })

  it('reads values as people do and builds export addresses', () => {
    expect(shown(125, 'permille', 'en')).toBe('12.5 %')
    expect(shown(null, 'count', 'en')).toBe('—')
    expect(shown(12345, 'count', 'fr')).toMatch(/^12\s345$/)
    expect(exportUrl('at-risk', { from: '2026-11-01', to: '2026-11-28', withStaff: true, category: 0, group: 3 }, 'en',
      '2025-12')).toBe('/api/v1/admin/analytics/export/at-risk?from=2026-11-01&to=2026-11-28&withStaff=true&category=0'
      + '&group=3&lang=en&cohortsFrom=2025-12')
  })

  it('writes to a contributor drifting away from the list, with a message to start from', async () => {
    const { wrapper, fetch } = mountIn('fr')
    await flushPromises()
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) { this.open = true }
    await wrapper.find('[data-test=at-risk-write]').trigger('click')
    await flushPromises()
    const dialog = wrapper.find('[data-test=write-dialog]')
    expect(dialog.text()).toContain('Écrire à Inès')
    expect((dialog.find('#reach-body').element as HTMLTextAreaElement).value).toContain('Bonjour Inès')
    await dialog.find('#reach-subject').setValue('Un petit mot')
    await dialog.find('form').trigger('submit')
    await flushPromises()
    const sent = fetch.mock.calls.find(([url, init]) => String(url).includes('/at-risk/9/message')
      && (init as RequestInit | undefined)?.method === 'POST')
    expect(sent).toBeTruthy()
    expect(JSON.parse(String((sent![1] as RequestInit).body)).subject).toBe('Un petit mot')
    expect(wrapper.text()).toContain('Votre message à Inès est parti.')
  })
})
