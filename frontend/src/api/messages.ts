import { api } from './http'

export interface Person {
  username: string
  displayName: string
  avatarUrl: string
  left: boolean
}

export interface InboxItem {
  id: number
  subject: string
  group: string | null
  participants: Person[]
  lastExcerpt: string
  lastMessageAt: string
  messages: number
  unread: boolean
}

export interface MessageView {
  id: number
  author: Person
  html: string
  createdAt: string
  mine: boolean
  canFlag: boolean
}

export interface ConversationView {
  id: number
  subject: string
  group: string | null
  participants: Person[]
  messages: MessageView[]
  nextAfter: number | null
  canReply: boolean
  participant: boolean
  flagged: boolean
  readAsStaff: boolean
}

export interface FlaggedMessage {
  conversationId: number
  subject: string
  messageId: number
  excerpt: string
  author: Person
  flaggedBy: Person
  reason: string
  note: string
  flaggedAt: string
}

export interface MemberSuggestion {
  username: string
  displayName: string
  avatarUrl: string
  inThread: boolean
}

export interface BlockedMember {
  username: string
  displayName: string
  avatarUrl: string
  since: string
}

const enc = encodeURIComponent

export const messagesApi = {
  inbox: (after: string | null) =>
    api.get<{ items: InboxItem[]; nextAfter: string | null }>(`/api/v1/conversations${after ? `?after=${enc(after)}` : ''}`),
  unread: () => api.get<{ unread: number }>('/api/v1/conversations/unread-count'),
  start: (recipients: string[], groups: string[], subject: string, body: string) =>
    api.post<ConversationView>('/api/v1/conversations', { recipients, groups, subject, body }),
  read: (id: number, after: number | null = null) =>
    api.get<ConversationView>(`/api/v1/conversations/${id}${after ? `?after=${after}` : ''}`),
  reply: (id: number, body: string) => api.post<MessageView>(`/api/v1/conversations/${id}/messages`, { body }),
  leave: (id: number) => api.post<void>(`/api/v1/conversations/${id}/leave`),
  flag: (messageId: number, reason: string, note: string) =>
    api.post<void>(`/api/v1/messages/${messageId}/flags`, { reason, note }),
  flagged: () => api.get<FlaggedMessage[]>('/api/v1/admin/message-flags'),
  resolve: (conversationId: number) => api.post<void>(`/api/v1/admin/message-flags/${conversationId}/resolve`),
  blocks: () => api.get<BlockedMember[]>('/api/v1/me/blocks'),
  block: (username: string) => api.put<void>(`/api/v1/members/${enc(username)}/block`),
  unblock: (username: string) => api.delete<void>(`/api/v1/members/${enc(username)}/block`),
  suggest: (q: string, thread?: number) =>
    api.get<MemberSuggestion[]>(`/api/v1/members/suggest?q=${enc(q)}${thread ? `&thread=${thread}` : ''}`),
}
