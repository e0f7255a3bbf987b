import { api } from './http'

export type MetricName = 'ACTIVE_MEMBERS' | 'ACTIVE_7D' | 'ACTIVE_28D' | 'SIGNUPS' | 'NEW_CONTRIBUTORS' | 'THREADS'
  | 'REPLIES' | 'REACTIONS' | 'ACCEPTED' | 'FLAGS' | 'FLAGS_RESOLVED' | 'BADGES' | 'EVENT_REGISTRATIONS'
  | 'EVENT_ATTENDANCE' | 'PAGE_VIEWS' | 'VISITORS' | 'EMBED_VIEWS'

export interface Figure {
  metric: MetricName
  value: number
  previous: number
  series: { day: string; value: number }[]
  definitionEn: string
  definitionFr: string
}

export interface Overview {
  from: string
  to: string
  withStaff: boolean
  asOf: string | null
  figures: Figure[]
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

export const analyticsApi = {
  health: (from: string, to: string) => api.get<Health>(`/api/v1/admin/analytics/health?from=${from}&to=${to}`),
  highlights: (from: string, to: string, withStaff: boolean) =>
    api.get<Highlights>(`/api/v1/admin/analytics/highlights?from=${from}&to=${to}&withStaff=${withStaff}`),
  weeklyMail: () => api.get<{ on: boolean }>('/api/v1/admin/analytics/weekly-mail'),
  setWeeklyMail: (on: boolean) => api.put<{ on: boolean }>('/api/v1/admin/analytics/weekly-mail', { on }),
  searches: (from: string, to: string, withStaff: boolean) =>
    api.get<{ top: SearchTerm[]; noResult: SearchTerm[] }>(
      `/api/v1/admin/analytics/searches?from=${from}&to=${to}&withStaff=${withStaff}`),
  cohorts: (from: string, withStaff: boolean) =>
    api.get<Cohort[]>(`/api/v1/admin/analytics/cohorts?from=${from}&withStaff=${withStaff}`),
  atRisk: () => api.get<AtRisk[]>('/api/v1/admin/analytics/at-risk?limit=20'),
  overview: (from: string, to: string, withStaff: boolean) =>
    api.get<Overview>(`/api/v1/admin/analytics/overview?from=${from}&to=${to}&withStaff=${withStaff}`),
  responses: (from: string, to: string, withStaff: boolean) =>
    api.get<Responses>(`/api/v1/admin/analytics/responses?from=${from}&to=${to}&withStaff=${withStaff}`),
  unanswered: () => api.get<Unanswered[]>('/api/v1/admin/analytics/unanswered?limit=20'),
}

/** Minutes as people read them: "45 min", "3 h 20", "2 d 4 h" ("2 j 4 h" in French). */
export function duration(minutes: number, language = 'en'): string {
  if (minutes < 60) return `${minutes} min`
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`
  return `${Math.floor(minutes / 1440)} ${language === 'fr' ? 'j' : 'd'} ${Math.floor((minutes % 1440) / 60)} h`
}

/** The change from the previous period, in percent (null when there was nothing to compare with). */
export function change(f: Figure): number | null {
  return f.previous === 0 ? null : Math.round(((f.value - f.previous) / f.previous) * 100)
}

/** The overview as CSV: UTF-8 with a byte-order mark so spreadsheet programs read accents, one row per day. */
export function overviewCsv(o: Overview, label: (m: MetricName) => string): string {
  const escape = (v: string) => `"${v.replace(/"/g, '""')}"`
  const rows = [['day', ...o.figures.map((f) => label(f.metric))].map(escape).join(',')]
  const days = o.figures[0]?.series.map((p) => p.day) ?? []
  days.forEach((day, i) => rows.push([escape(day), ...o.figures.map((f) => String(f.series[i].value))].join(',')))
  rows.push([escape('total'), ...o.figures.map((f) => String(f.value))].join(','))
  rows.push([escape('previous period'), ...o.figures.map((f) => String(f.previous))].join(','))
  return '\uFEFF' + rows.join('\r\n') + '\r\n'
}
