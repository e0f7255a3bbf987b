import { api } from './http'

export type MetricName = 'ACTIVE_MEMBERS' | 'ACTIVE_7D' | 'ACTIVE_28D' | 'SIGNUPS' | 'NEW_CONTRIBUTORS' | 'THREADS'
  | 'REPLIES' | 'REACTIONS' | 'ACCEPTED' | 'FLAGS' | 'FLAGS_RESOLVED' | 'BADGES' | 'EVENT_REGISTRATIONS'
  | 'EVENT_ATTENDANCE'

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

export const analyticsApi = {
  overview: (from: string, to: string, withStaff: boolean) =>
    api.get<Overview>(`/api/v1/admin/analytics/overview?from=${from}&to=${to}&withStaff=${withStaff}`),
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
