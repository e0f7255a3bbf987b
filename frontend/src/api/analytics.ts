import { api } from './http'

export type MetricName = 'ACTIVE_MEMBERS' | 'ACTIVE_7D' | 'ACTIVE_28D' | 'STICKINESS' | 'SIGNUPS' | 'NEW_CONTRIBUTORS' | 'THREADS'
  | 'REPLIES' | 'REACTIONS' | 'ACCEPTED' | 'FLAGS' | 'FLAGS_RESOLVED' | 'BADGES' | 'EVENT_REGISTRATIONS'
  | 'EVENT_ATTENDANCE' | 'PAGE_VIEWS' | 'VISITORS' | 'EMBED_VIEWS' | 'WIDGET_CLICKS'

/** A figure over the period; value and previous are null when it does not split by the chosen category or group. */
export interface Figure {
  metric: MetricName
  unit: 'count' | 'permille'
  value: number | null
  previous: number | null
  series: { day: string; value: number | null }[]
  definitionEn: string
  definitionFr: string
}

export interface Overview {
  from: string
  to: string
  withStaff: boolean
  category: number
  group: number
  asOf: string | null
  figures: Figure[]
}

/** What the dashboard is looking at: days in the site's zone, staff or not, a category and a group (0: all). */
export interface Filter {
  from: string
  to: string
  withStaff: boolean
  category: number
  group: number
}

export interface Option {
  id: number
  name: string
}

export interface Responses {
  threads: number
  answeredWithin24h: number
  responseRate: number | null
  open: number
  medianMinutes: number | null
  p90Minutes: number | null
  medianStaffMinutes: number | null
  p90StaffMinutes: number | null
  questions: number
  solved: number
  solvedRate: number | null
  flaggedPosts: number
  flagsOpen: number
  medianFlagMinutes: number | null
}

export interface Unanswered {
  threadId: number
  title: string
  slug: string
  categoryId: number
  createdAt: string
  waitingHours: number
}

export interface Cohort {
  cohortMonth: string
  size: number
  months: { month: string; active: number; share: number }[]
}

export interface AtRisk {
  memberId: number
  username: string
  displayName: string
  contributions: number
  lastActive: string
  silentDays: number
  contactedAt: string | null
  contactedBy: string | null
}

export interface SearchTerm {
  terms: string
  searches: number
  withoutResult: number
}

export interface NamedCount {
  name: string
  link: string | null
  count: number
}

export interface Highlights {
  contributors: NamedCount[]
  threads: NamedCount[]
  referrers: NamedCount[]
  registrations: number
  attendances: number
  showUpRate: number | null
}

export interface Health {
  score: number
  previous: number | null
  components: { activity: number; responsiveness: number; growth: number; moderation: number }
  formulaEn: string
  formulaFr: string
}

const query = (f: Filter) =>
  `from=${f.from}&to=${f.to}&withStaff=${f.withStaff}&category=${f.category}&group=${f.group}`

export type Report = 'overview' | 'responses' | 'unanswered' | 'cohorts' | 'at-risk' | 'searches' | 'highlights'
  | 'health'

export const analyticsApi = {
  filters: () => api.get<{ categories: Option[]; groups: Option[] }>('/api/v1/admin/analytics/filters'),
  health: (f: Filter) => api.get<Health>(`/api/v1/admin/analytics/health?from=${f.from}&to=${f.to}`),
  highlights: (f: Filter) => api.get<Highlights>(`/api/v1/admin/analytics/highlights?${query(f)}`),
  weeklyMail: () => api.get<{ on: boolean }>('/api/v1/admin/analytics/weekly-mail'),
  setWeeklyMail: (on: boolean) => api.put<{ on: boolean }>('/api/v1/admin/analytics/weekly-mail', { on }),
  searches: (f: Filter) =>
    api.get<{ top: SearchTerm[]; noResult: SearchTerm[] }>(`/api/v1/admin/analytics/searches?${query(f)}`),
  cohorts: (from: string, withStaff: boolean) =>
    api.get<Cohort[]>(`/api/v1/admin/analytics/cohorts?from=${from}&withStaff=${withStaff}`),
  atRisk: () => api.get<AtRisk[]>('/api/v1/admin/analytics/at-risk?limit=20'),
  writeTo: (memberId: number, subject: string, body: string) =>
    api.post<void>(`/api/v1/admin/analytics/at-risk/${memberId}/message`, { subject, body }),
  overview: (f: Filter) => api.get<Overview>(`/api/v1/admin/analytics/overview?${query(f)}`),
  responses: (f: Filter) => api.get<Responses>(`/api/v1/admin/analytics/responses?${query(f)}`),
  unanswered: (category: number) => api.get<Unanswered[]>(`/api/v1/admin/analytics/unanswered?limit=20&category=${category}`),
}

/**
 * Where a report downloads as CSV: built by the server from the same answer as the screen, with the same filter, in
 * the reader's language (UTF-8 with a byte-order mark).
 */
export function exportUrl(report: Report, f: Filter, language: string, cohortsFrom: string): string {
  return `/api/v1/admin/analytics/export/${report}?${query(f)}&lang=${language === 'fr' ? 'fr' : 'en'}`
    + `&cohortsFrom=${cohortsFrom}`
}

/** Minutes as people read them: "45 min", "3 h 20", "2 d 4 h" ("2 j 4 h" in French). */
export function duration(minutes: number, language = 'en'): string {
  if (minutes < 60) return `${minutes} min`
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`
  return `${Math.floor(minutes / 1440)} ${language === 'fr' ? 'j' : 'd'} ${Math.floor((minutes % 1440) / 60)} h`
}

/** The change from the previous period, in percent (null when there was nothing to compare with). */
export function change(f: Figure): number | null {
  if (f.value === null || f.previous === null || f.previous === 0) return null
  return Math.round(((f.value - f.previous) / f.previous) * 100)
}

/** A figure's value as people read it: a count, or a share given per mille shown as a percent with one decimal. */
export function shown(value: number | null, unit: Figure['unit'], language: string): string {
  if (value === null) return '—'
  if (unit === 'permille') {
    return `${new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value / 10)} %`
  }
  return new Intl.NumberFormat(language).format(value)
}
