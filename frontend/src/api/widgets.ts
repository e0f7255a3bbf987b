import { api } from './http'

export type WidgetType = 'latest-threads' | 'events' | 'figures' | 'search' | 'contributors' | 'answer' | 'testimonials'
export const WIDGET_TYPES: WidgetType[] = ['latest-threads', 'events', 'figures', 'search', 'contributors', 'answer',
  'testimonials']

export interface AllowedOrigin {
  origin: string
  addedAt: string
}

/** What a widget shows and how it looks; empty values are left out of the snippet. */
export interface WidgetOptions {
  type: WidgetType
  lang: 'en' | 'fr'
  category: string
  tag: string
  solved: boolean
  limit: number
  period: 'week' | 'month' | 'year'
  accent: string
  radius: string
  font: string
  /** The answer widget's thread: its number, or its address pasted from the forum. */
  thread: string
}

/** The thread number in "123" or "https://community.example/t/123/slug". */
export function threadId(value: string): string {
  const m = value.trim().match(/^(?:\d+|.*\/t\/(\d+)(?:[/?#].*)?)$/)
  if (!m) return ''
  return m[1] ?? value.trim()
}

export interface WidgetTraffic {
  widget: WidgetType
  host: string | null
  impressions: number
  clicks: number
}

export const widgetsApi = {
  traffic: () => api.get<WidgetTraffic[]>('/api/v1/admin/widgets/traffic?days=30'),
  origins: () => api.get<AllowedOrigin[]>('/api/v1/admin/widgets/origins'),
  addOrigin: (origin: string) => api.post<AllowedOrigin>('/api/v1/admin/widgets/origins', { origin }),
  removeOrigin: (origin: string) =>
    api.delete<void>(`/api/v1/admin/widgets/origins?origin=${encodeURIComponent(origin)}`),
}

/** The data attributes (and query parameters) an embed carries for these options, in a stable order. */
export function attributes(o: WidgetOptions): [string, string][] {
  const out: [string, string][] = [['lang', o.lang]]
  if (o.type === 'latest-threads') {
    if (o.category) out.push(['category', o.category])
    if (o.tag) out.push(['tag', o.tag])
    if (o.solved) out.push(['solved', 'true'])
  }
  if (o.type === 'contributors') out.push(['period', o.period])
  if (o.type === 'answer' && threadId(o.thread)) out.push(['thread', threadId(o.thread)])
  if (['latest-threads', 'events', 'contributors', 'testimonials'].includes(o.type) && o.limit !== 5) out.push(['limit', String(o.limit)])
  if (o.accent) out.push(['accent', o.accent])
  if (o.radius !== '') out.push(['radius', o.radius])
  if (o.font) out.push(['font', o.font])
  return out
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** The script snippet: the loader once per page, then one element per widget. */
export function scriptSnippet(base: string, o: WidgetOptions): string {
  const attrs = attributes(o).map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`).join('')
  return `<script async src="${base}/embed.js"></script>\n<div data-ruche-widget="${o.type}"${attrs}></div>`
}

/** The address of the widget page itself, for an iframe where no script is allowed (or for a preview). */
export function widgetUrl(base: string, o: WidgetOptions, theme?: 'light' | 'dark'): string {
  const params = new URLSearchParams(attributes(o))
  if (theme) params.set('theme', theme)
  return `${base}/embed/${o.type}?${params.toString()}`
}

export function iframeSnippet(base: string, o: WidgetOptions, title: string): string {
  return `<iframe src="${escapeHtml(widgetUrl(base, o))}" title="${escapeHtml(title)}" loading="lazy" `
    + `style="width:100%;height:340px;border:0" sandbox="allow-scripts allow-same-origin allow-popups `
    + `allow-popups-to-escape-sandbox allow-forms"></iframe>`
}

/** A testimonial and its consent record. */
export interface Testimonial {
  id: number
  postId: number
  threadPath: string
  username: string
  displayName: string
  text: string
  origins: string[]
  expiresAt: string
  status: 'PROPOSED' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN' | 'EXPIRED'
  showIdentity: boolean
  shown: boolean
  proposedAt: string
  answeredAt: string | null
  withdrawnAt: string | null
  live: boolean
}

export const testimonialsApi = {
  mine: () => api.get<Testimonial[]>('/api/v1/me/testimonials'),
  answer: (id: number, accept: boolean, showIdentity: boolean) =>
    api.post<Testimonial>(`/api/v1/me/testimonials/${id}/answer`, { accept, showIdentity }),
  withdraw: (id: number) => api.post<Testimonial>(`/api/v1/me/testimonials/${id}/withdraw`),
  all: () => api.get<Testimonial[]>('/api/v1/admin/testimonials'),
  propose: (postId: number, text: string, origins: string[], until: string) =>
    api.post<Testimonial>('/api/v1/admin/testimonials', { postId, text, origins, until: until || null }),
  curate: (id: number, shown: boolean) => api.put<Testimonial>(`/api/v1/admin/testimonials/${id}/shown`, { shown }),
}
