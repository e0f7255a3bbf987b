import { api } from './http'
import type { MemberRef } from './forum'

export type EventKind = 'WEBINAR' | 'LIVE_QA' | 'IN_PERSON' | 'HYBRID'
export const EVENT_KINDS: EventKind[] = ['WEBINAR', 'LIVE_QA', 'IN_PERSON', 'HYBRID']
export type EventStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED' | 'FINISHED'
export type RegistrationStatus = 'REGISTERED' | 'WAITLISTED' | 'OFFERED' | 'CANCELLED' | 'EXPIRED'
export type EventVisibility = 'EVERYONE' | 'MEMBERS' | 'GROUPS'
export type RecordingVisibility = 'REGISTRANTS' | 'MEMBERS' | 'EVERYONE'

export interface EventSummary {
  id: number
  slug: string
  title: string
  kind: EventKind
  status: EventStatus
  startsLocal: string
  endsLocal: string
  zone: string
  startsAt: string
  endsAt: string
  location: string
  coverUrl: string | null
  capacity: number | null
  seatsLeft: number | null
  myStatus: RegistrationStatus | null
  seriesId: number | null
}

export interface Mine {
  status: RegistrationStatus
  guests: number
  waitlistPosition: number | null
  offerExpiresAt: string | null
  attendedAt: string | null
}

export interface Occurrence {
  id: number
  startsLocal: string
  startsAt: string
  status: EventStatus
  myStatus: RegistrationStatus | null
}

export interface EventDetail {
  id: number
  slug: string
  title: string
  descriptionHtml: string
  descriptionSource: string | null
  coverUrl: string | null
  kind: EventKind
  status: EventStatus
  startsLocal: string
  endsLocal: string
  zone: string
  startsAt: string
  endsAt: string
  location: string
  capacity: number | null
  seatsLeft: number | null
  maxGuests: number
  registrationOpensAt: string | null
  registrationClosesAt: string | null
  visibility: EventVisibility
  groupIds: number[]
  hosts: MemberRef[]
  threadId: number | null
  questions: { label: string; required: boolean }[]
  mine: Mine | null
  canRegister: boolean
  joinOpensAt: string
  canJoin: boolean
  joinWindowMinutes: number
  offerHours: number
  autoPromote: boolean
  recordingUrl: string | null
  slidesUrl: string | null
  recordingVisibility: RecordingVisibility
  sequence: number
  canManage: boolean
  categoryId: number | null
  seriesId: number | null
  occurrences: Occurrence[]
  joinUrl: string | null
  /** Staff only: the texts as written, the plain ones and each language's own (null where not written). */
  texts?: EventTexts | null
}

export interface EventTexts {
  title: string
  description: string
  titleFr: string | null
  titleEn: string | null
  descriptionFr: string | null
  descriptionEn: string | null
}

export interface SaveEvent {
  title: string
  description: string
  titleFr: string | null
  titleEn: string | null
  descriptionFr: string | null
  descriptionEn: string | null
  coverUrl: string | null
  kind: EventKind
  startsLocal: string
  endsLocal: string
  zone: string
  location: string
  joinUrl: string | null
  joinWindowMinutes: number
  capacity: number | null
  maxGuests: number
  offerHours: number
  autoPromote: boolean
  registrationOpensAt: string | null
  registrationClosesAt: string | null
  visibility: EventVisibility
  groupIds: number[]
  hosts: string[]
  categoryId: number | null
  questions: { label: string; required: boolean }[]
  recordingVisibility: RecordingVisibility
  recurrence: { frequency: 'WEEKLY' | 'MONTHLY'; interval: number; count: number | null; until: string | null } | null
}

export interface Registrant {
  username: string
  displayName: string
  email: string | null
  status: RegistrationStatus
  guests: number
  waitlistSeq: number | null
  answers: string
  registeredAt: string
  attendedAt: string | null
  attendanceSource: string | null
}

export interface Registrants {
  items: Registrant[]
  registered: number
  seats: number
  waitlisted: number
  attended: number
  showUpRate: number | null
}

function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? `?${s}` : ''
}

export const eventsApi = {
  list: (opts: { past?: boolean; kind?: EventKind | null; from?: string; to?: string; after?: string | null;
    limit?: number; q?: string }) => api.get<{ items: EventSummary[]; nextAfter: string | null }>(`/api/v1/events${query({
    past: opts.past, kind: opts.kind, from: opts.from, to: opts.to, after: opts.after, limit: opts.limit, q: opts.q })}`),
  mine: () => api.get<EventSummary[]>('/api/v1/events/mine'),
  get: (id: number) => api.get<EventDetail>(`/api/v1/events/${id}`),
  register: (id: number, body: { guests: number; answers: string[]; wholeSeries: boolean }) =>
    api.post<EventDetail>(`/api/v1/events/${id}/registration`, body),
  cancel: (id: number) => api.delete<EventDetail>(`/api/v1/events/${id}/registration`),
  claim: (id: number) => api.post<EventDetail>(`/api/v1/events/${id}/registration/claim`),
  join: (id: number) => api.post<{ url: string }>(`/api/v1/events/${id}/join`),
  recording: (id: number, body: { recordingUrl: string | null; slidesUrl: string | null;
    visibility: RecordingVisibility }) => api.put<EventDetail>(`/api/v1/events/${id}/recording`, body),
  newFeed: () => api.post<{ url: string }>('/api/v1/me/event-feed'),
  /** The event as an .ics file, its title in {@code language} (a download sends the browser's language, not the UI's). */
  icsUrl: (id: number, language: string) => `/api/v1/events/${id}/event.ics?lang=${encodeURIComponent(language)}`,
  // Staff and hosts
  create: (body: SaveEvent) => api.post<EventDetail>('/api/v1/admin/events', body),
  update: (id: number, body: SaveEvent, following: boolean) =>
    api.put<EventDetail>(`/api/v1/admin/events/${id}${following ? '?scope=following' : ''}`, body),
  publish: (id: number) => api.post<EventDetail>(`/api/v1/admin/events/${id}/publish`),
  cancelEvent: (id: number, reason: string) => api.post<EventDetail>(`/api/v1/admin/events/${id}/cancel`, { reason }),
  registrants: (id: number) => api.get<Registrants>(`/api/v1/events/${id}/registrants`),
  markPresent: (id: number, usernames: string[]) =>
    api.post<{ marked: number }>(`/api/v1/events/${id}/attendance`, { usernames }),
  csvUrl: (id: number) => `/api/v1/events/${id}/registrants.csv`,
}

/** Uploads the webinar tool's attendance CSV (sent as text). */
export async function importAttendance(id: number, csv: string): Promise<{ marked: number; unknown: number;
  unmatched: string[] }> {
  const { readCookie, ApiError } = await import('./http')
  const token = readCookie('XSRF-TOKEN')
  const response = await fetch(`/api/v1/events/${id}/attendance.csv`, { method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'text/csv', Accept: 'application/json, application/problem+json',
      ...(token ? { 'X-XSRF-TOKEN': decodeURIComponent(token) } : {}) }, body: csv })
  const data = await response.json()
  if (!response.ok) throw new ApiError(data)
  return data
}
