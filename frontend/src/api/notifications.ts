import { api } from './http'

export type NotificationKind = 'REPLY' | 'MENTION' | 'QUOTE' | 'REACTION' | 'ACCEPTED' | 'NEW_THREAD' | 'STAFF_MESSAGE'
  | 'REVIEW_QUEUE' | 'BADGE' | 'TRUST_LEVEL' | 'POST_MOVED' | 'POST_APPROVED' | 'POST_REJECTED' | 'IDEA_STATUS'
  | 'BOOKMARK_REMINDER' | 'MESSAGE'
export type Channel = 'OFF' | 'APP' | 'EMAIL' | 'DIGEST'
export type Digest = 'OFF' | 'DAILY' | 'WEEKLY'

export const NOTIFICATION_KINDS: NotificationKind[] =
  ['REPLY', 'MENTION', 'QUOTE', 'REACTION', 'ACCEPTED', 'NEW_THREAD', 'STAFF_MESSAGE', 'REVIEW_QUEUE', 'BADGE', 'TRUST_LEVEL', 'POST_MOVED',
    'POST_APPROVED', 'POST_REJECTED', 'IDEA_STATUS', 'BOOKMARK_REMINDER', 'MESSAGE']
export const CHANNELS: Channel[] = ['OFF', 'APP', 'EMAIL', 'DIGEST']

export interface NotificationItem {
  id: number
  kind: NotificationKind
  actor: { username: string; displayName: string; avatarUrl: string } | null
  othersCount: number
  detail: string
  thread: { id: number; title: string; slug: string } | null
  postPosition: number | null
  url: string
  createdAt: string
  updatedAt: string
  read: boolean
}

export interface NotificationPage {
  items: NotificationItem[]
  next: number | null
  unread: number
}

export interface NotificationSettings {
  channels: Record<NotificationKind, Channel>
  digest: Digest
  digestHour: number
  timeZone: string
}

export const notificationsApi = {
  list: (before: number | null, unread = false, limit = 20) =>
    api.get<NotificationPage>(`/api/v1/notifications?limit=${limit}&unread=${unread}${before ? `&before=${before}` : ''}`),
  unreadCount: () => api.get<{ unread: number }>('/api/v1/notifications/unread-count'),
  markRead: (id: number) => api.post<{ unread: number }>(`/api/v1/notifications/${id}/read`),
  markAllRead: () => api.post<void>('/api/v1/notifications/read-all'),
  settings: () => api.get<NotificationSettings>('/api/v1/notifications/preferences'),
  saveSettings: (body: NotificationSettings) => api.put<NotificationSettings>('/api/v1/notifications/preferences', body),
  unsubscribeState: (token: string) =>
    api.get<{ scope: string; email: string }>(`/api/v1/mail/unsubscribe/${encodeURIComponent(token)}`),
  unsubscribe: (token: string, all: boolean) =>
    api.post<{ scope: string; email: string }>(`/api/v1/mail/unsubscribe/${encodeURIComponent(token)}?all=${all}`),
}

export interface MailSettingsView {
  mode: 'SMTP' | 'OUTBOX'
  host: string
  port: number
  user: string
  passwordSet: boolean
  tls: string
  from: string
  outbox: string
  publicUrl: string
}

export interface MailRow {
  id: number
  to: string
  template: string
  subject: string
  status: 'QUEUED' | 'SENT' | 'FAILED'
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
}

export const adminMailApi = {
  status: () => api.get<{ settings: MailSettingsView; counts: { queued: number; failed: number; sentLastDay: number } }>(
    '/api/v1/admin/mail'),
  messages: (status: string, before: number | null) =>
    api.get<{ items: MailRow[]; next: number | null }>(
      `/api/v1/admin/mail/messages?status=${status}${before ? `&before=${before}` : ''}`),
  retry: (ids: number[]) => api.post<{ count: number }>('/api/v1/admin/mail/retry', { ids }),
  test: (to: string) => api.post<{ mode: string; to: string }>('/api/v1/admin/mail/test', { to }),
}
