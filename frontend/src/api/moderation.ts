import { api } from './http'

const enc = encodeURIComponent

export type FlagReason = 'SPAM' | 'OFF_TOPIC' | 'INAPPROPRIATE' | 'HARASSMENT' | 'OTHER'
export const FLAG_REASONS: FlagReason[] = ['SPAM', 'OFF_TOPIC', 'INAPPROPRIATE', 'HARASSMENT', 'OTHER']
export type ReviewAction = 'APPROVE' | 'REJECT' | 'AGREE' | 'DISAGREE' | 'IGNORE' | 'HIDE' | 'DELETE' | 'WARN'
  | 'SILENCE' | 'SUSPEND'
export type SanctionKind = 'WARNING' | 'SILENCE' | 'SUSPENSION'
export type MatchKind = 'PLAIN' | 'WILDCARD' | 'REGEX'
export type WordAction = 'BLOCK' | 'APPROVE' | 'FLAG' | 'CENSOR' | 'LINK'

export interface ReviewItem {
  id: number
  reason: string
  kind: 'POST' | 'QUEUED'
  postId: number | null
  queuedPostId: number | null
  threadId: number | null
  threadTitle: string | null
  threadSlug: string | null
  position: number | null
  category: string
  body: string
  html: string
  title: string | null
  detail: string
  flags: Record<string, number>
  flaggers: Flagger[]
  context: { position: number; username: string; displayName: string; html: string } | null
  hidden: boolean
  hiddenBy: 'FLAGS' | 'STAFF' | null
  author: { username: string; displayName: string; joinedAt: string; approvedPosts: number; sanctionCount: number;
    silencedUntil: string | null; suspendedUntil: string | null }
  claimedBy: string | null
  claimedByMe: boolean
  createdAt: string
}

export interface Flagger { username: string; displayName: string; reason: FlagReason; note: string; createdAt: string;
  upheld: number; rejected: number }

export interface Sanction {
  id: number
  kind: SanctionKind
  reason: string
  by: string | null
  createdAt: string
  endsAt: string | null
  liftedAt: string | null
  active: boolean
}

export interface WatchedWord { id: number; pattern: string; kind: MatchKind; action: WordAction; linkUrl: string | null }
export interface Verdict { blockedBy: string | null; approve: boolean; flag: boolean; text: string; matched: string[] }
export interface AuditEntry { id: number; actor: string | null; actorName: string | null; action: string;
  label: string; targetType: string; targetId: number | null; subject: string; summary: string; reason: string;
  link: string | null; createdAt: string }
export interface AuditFilters { action?: string; actor?: string; q?: string; from?: string; to?: string }
export interface MergeTarget { id: number; title: string; slug: string;
  category: { id: number; slug: string; name: string; color: string }; replies: number; lastPostAt: string | null }
export interface Waiting { reason: string; count: number; oldest: string }
export interface DashboardCounts { waiting: number; waitingByKind: Waiting[]; flagsToday: number; flagsWeek: number;
  newMembersToday: number; newMembersWeek: number; crisis: boolean; firstDay: string;
  series: { metric: 'flags' | 'members' | 'decisions'; values: number[] }[]; asOf: string }

/** The viewer's time zone (IANA), for days and times the server counts in it. */
export function viewerZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

function auditQuery(filters: AuditFilters): URLSearchParams {
  const q = new URLSearchParams({ zone: viewerZone() })
  for (const key of ['action', 'actor', 'q', 'from', 'to'] as const) {
    const value = filters[key]
    if (value) q.set(key, value)
  }
  return q
}
export interface Crisis { on: boolean; message: string; categoryIds: number[]; slowSeconds: number; by: string | null;
  since: string | null }
export interface SiteSettings { name: string; description: string; registration: 'OPEN' | 'CLOSED' | 'INVITE';
  languages: string; flagThreshold: number; trustedAfterPosts: number; newMemberApproval: number;
  newMemberMaxLinks: number; newMemberMaxImages: number; approveFirstLink: boolean; flagsPerHour: number;
  timeZone: string; moderatorsSeeAnalytics: boolean; analyticsRetentionDays: number;
  deletedMemberPosts: 'KEEP' | 'REMOVE'; nameFr?: string; nameEn?: string; descriptionFr?: string;
  descriptionEn?: string }
export interface Ban { id: number; kind: 'EMAIL' | 'EMAIL_DOMAIN' | 'ADDRESS_RANGE'; value: string; reason: string;
  createdAt: string }
export interface Invite { email: string; by: string | null; createdAt: string; expiresAt: string; usedBy: string | null;
  usedAt: string | null }
export interface Note { id: number; author: string; body: string; createdAt: string }
export interface Canned { id: number; title: string; body: string; author: string | null }
export interface Pending { id: number; threadId: number | null; title: string | null; body: string; reason: string;
  createdAt: string }
export interface Held { queuedId: number; reason: string }

export const moderationApi = {
  flag: (postId: number, reason: FlagReason, note: string) =>
    api.post<void>(`/api/v1/posts/${postId}/flags`, { reason, note }),
  pending: (threadId?: number) => api.get<Pending[]>(`/api/v1/me/pending${threadId ? `?thread=${threadId}` : ''}`),
  crisisBanner: () => api.get<{ on: boolean; message: string; categoryIds: number[] }>('/api/v1/crisis'),
  dashboard: () => api.get<DashboardCounts>(`/api/v1/admin/dashboard?zone=${enc(viewerZone())}`),
  queue: (filters: { reason?: string; categoryId?: number | null; olderThanHours?: number | null }, after?: number | null) => {
    const q = new URLSearchParams({ limit: '20' })
    if (filters.reason) q.set('reason', filters.reason)
    if (filters.categoryId) q.set('categoryId', String(filters.categoryId))
    if (filters.olderThanHours) q.set('olderThanHours', String(filters.olderThanHours))
    if (after) q.set('after', String(after))
    return api.get<{ items: ReviewItem[]; next: number | null; open: number }>(`/api/v1/admin/review?${q}`)
  },
  claim: (id: number) => api.post<void>(`/api/v1/admin/review/${id}/claim`),
  release: (id: number) => api.delete<void>(`/api/v1/admin/review/${id}/claim`),
  act: (ids: number[], action: ReviewAction, reason?: string, hours?: number | null) =>
    api.post<{ count: number }>('/api/v1/admin/review/actions', { ids, action, reason, hours }),
  editItem: (id: number, body: string) => api.post<void>(`/api/v1/admin/review/${id}/edit`, { body }),
  sanctions: (username: string) => api.get<Sanction[]>(`/api/v1/admin/members/${enc(username)}/sanctions`),
  sanction: (username: string, kind: SanctionKind, reason: string, hours: number | null) =>
    api.post<Sanction>(`/api/v1/admin/members/${enc(username)}/sanctions`, { kind, reason, hours }),
  lift: (id: number, reason: string) => api.post<void>(`/api/v1/admin/sanctions/${id}/lift`, { reason }),
  notes: (username: string) => api.get<Note[]>(`/api/v1/admin/members/${enc(username)}/notes`),
  addNote: (username: string, body: string) => api.post<Note[]>(`/api/v1/admin/members/${enc(username)}/notes`, { body }),
  canned: () => api.get<Canned[]>('/api/v1/admin/canned-replies'),
  addCanned: (title: string, body: string) => api.post<Canned>('/api/v1/admin/canned-replies', { title, body }),
  removeCanned: (id: number) => api.delete<void>(`/api/v1/admin/canned-replies/${id}`),
  words: () => api.get<WatchedWord[]>('/api/v1/admin/watched-words'),
  addWord: (w: Omit<WatchedWord, 'id'>) => api.post<WatchedWord[]>('/api/v1/admin/watched-words', w),
  removeWord: (id: number) => api.delete<void>(`/api/v1/admin/watched-words/${id}`),
  testWords: (sample: string, rule?: Omit<WatchedWord, 'id'>) =>
    api.post<Verdict>('/api/v1/admin/watched-words/test', { sample, rule: rule ?? null }),
  audit: (filters: AuditFilters, before?: number | null) => {
    const q = auditQuery(filters)
    q.set('limit', '50')
    if (before) q.set('before', String(before))
    return api.get<{ items: AuditEntry[]; next: number | null }>(`/api/v1/admin/audit?${q}`)
  },
  auditActions: () => api.get<{ code: string; label: string }[]>('/api/v1/admin/audit/actions'),
  auditCsvUrl: (filters: AuditFilters, lang: string) => {
    const q = auditQuery(filters)
    q.set('lang', lang)
    return `/api/v1/admin/audit/export?${q}`
  },
  crisis: () => api.get<Crisis>('/api/v1/admin/crisis'),
  setCrisis: (c: { on: boolean; message: string; categoryIds: number[]; slowSeconds: number }) =>
    api.put<Crisis>('/api/v1/admin/crisis', c),
  settings: () => api.get<SiteSettings>('/api/v1/admin/settings'),
  saveSettings: (s: SiteSettings) => api.put<SiteSettings>('/api/v1/admin/settings', s),
  bans: () => api.get<Ban[]>('/api/v1/admin/bans'),
  addBan: (kind: Ban['kind'], value: string, reason: string) => api.post<Ban>('/api/v1/admin/bans', { kind, value, reason }),
  removeBan: (id: number) => api.delete<void>(`/api/v1/admin/bans/${id}`),
  invites: () => api.get<Invite[]>('/api/v1/admin/invites'),
  invite: (email: string) => api.post<{ url: string; email: string; expiresAt: string }>('/api/v1/admin/invites', { email }),
  slowMode: (threadId: number, seconds: number) => api.put<void>(`/api/v1/threads/${threadId}/slow-mode`, { seconds }),
  close: (threadId: number, note: string) => api.put<void>(`/api/v1/threads/${threadId}/close`, { note }),
  reopen: (threadId: number) => api.delete<void>(`/api/v1/threads/${threadId}/close`),
  official: (postId: number, official: boolean) => api.put<void>(`/api/v1/posts/${postId}/official`, { official }),
  mergeTargets: (threadId: number, q: string) =>
    api.get<MergeTarget[]>(`/api/v1/threads/${threadId}/merge-targets?q=${enc(q)}`),
  merge: (threadId: number, into: number) => api.post<void>(`/api/v1/threads/${threadId}/merge`, { into }),
  split: (threadId: number, postIds: number[], title: string, categoryId: number) =>
    api.post<{ threadId: number }>(`/api/v1/threads/${threadId}/split`, { postIds, title, categoryId }),
}
