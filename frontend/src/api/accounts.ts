import { api } from './http'

export type Role = 'MEMBER' | 'MODERATOR' | 'ADMIN'
export type Language = 'en' | 'fr'

/** The answer to a sign-up when the site verifies addresses: the account is used from the mail's link on. */
export interface VerificationSent {
  verificationSent: true
  email: string
}

export interface SelfMember {
  id: number
  username: string
  email: string
  displayName: string
  bio: string
  role: Role
  locale: Language | null
  joinedAt: string
  avatarUrl: string
  emailVerified: boolean
  /** Set while the member's deletion waits out its week of grace. */
  deletionDueAt?: string | null
}

export interface SessionState {
  authenticated: boolean
  member: SelfMember | null
  setupRequired: boolean
}

export interface Profile {
  username: string
  displayName: string
  bio: string
  role: Role
  joinedAt: string
  avatarUrl: string
  canEdit: boolean
}

export interface RegisterBody {
  username: string
  email: string
  password: string
  displayName?: string
  locale?: Language
  timeZone?: string
  website?: string
  formShownAt?: number
  invite?: string
}

export interface MemberRow {
  id: number
  username: string
  email: string
  displayName: string
  role: Role
  joinedAt: string
  groups: string[]
}

export interface MemberPage {
  items: MemberRow[]
  nextAfter: number | null
}

export interface Group {
  id: number
  name: string
  description: string
  memberCount: number
}

export interface GroupMember {
  username: string
  displayName: string
  addedAt: string
}

/** One browser signed in to the member's account. */
export interface AccountSession {
  id: string
  createdAt: string
  lastSeenAt: string
  ip: string
  browser: string
  system: string
  current: boolean
}

/** A pending account deletion, and what the site does with a deleted member's posts. */
export interface AccountDeletion {
  dueAt: string | null
  posts: 'KEEP' | 'REMOVE'
}

/** A copy of the member's data: waiting, or ready to download until it expires. */
export interface DataExport {
  id: number
  requestedAt: string
  readyAt: string | null
  expiresAt: string | null
  sizeBytes: number | null
}

const enc = encodeURIComponent

export const accountsApi = {
  session: () => api.get<SessionState>('/api/v1/session'),
  signIn: (login: string, password: string) => api.post<SelfMember>('/api/v1/session', { login, password }),
  signOut: () => api.delete<void>('/api/v1/session'),
  register: (body: RegisterBody) => api.post<SelfMember | VerificationSent>('/api/v1/accounts', body),
  setup: (body: RegisterBody) => api.post<SelfMember>('/api/v1/setup', body),
  profile: (username: string) => api.get<Profile>(`/api/v1/members/${enc(username)}`),
  updateProfile: (username: string, body: { displayName?: string; bio?: string; locale?: Language }) =>
    api.patch<Profile>(`/api/v1/members/${enc(username)}`, body),
  directory: (q: string, after: number) =>
    api.get<MemberPage>(`/api/v1/members?q=${enc(q)}&after=${after}&limit=50`),
  setRole: (username: string, role: Role) => api.put<Profile>(`/api/v1/members/${enc(username)}/role`, { role }),
  groups: () => api.get<Group[]>('/api/v1/groups'),
  createGroup: (name: string, description: string) => api.post<Group>('/api/v1/groups', { name, description }),
  deleteGroup: (id: number) => api.delete<void>(`/api/v1/groups/${id}`),
  groupMembers: (id: number) => api.get<GroupMember[]>(`/api/v1/groups/${id}/members`),
  addToGroup: (id: number, username: string) => api.put<void>(`/api/v1/groups/${id}/members/${enc(username)}`),
  removeFromGroup: (id: number, username: string) =>
    api.delete<void>(`/api/v1/groups/${id}/members/${enc(username)}`),
  resendVerification: () => api.post<void>('/api/v1/account/verification'),
  confirmVerification: (token: string) => api.post<SelfMember>('/api/v1/account/verification/confirm', { token }),
  requestPasswordReset: (email: string) => api.post<void>('/api/v1/account/password-reset', { email }),
  resetPassword: (token: string, password: string) =>
    api.post<void>('/api/v1/account/password-reset/confirm', { token, password }),
  changeEmail: (email: string, password: string) => api.post<void>('/api/v1/account/email', { email, password }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/v1/account/password', { currentPassword, newPassword }),
  sessions: () => api.get<AccountSession[]>('/api/v1/account/sessions'),
  endSession: (id: string) => api.delete<void>(`/api/v1/account/sessions/${enc(id)}`),
  endOtherSessions: () => api.post<{ ended: number }>('/api/v1/account/sessions/end-others'),
  deletion: () => api.get<AccountDeletion>('/api/v1/account/deletion'),
  requestDeletion: (password: string) => api.post<AccountDeletion>('/api/v1/account/deletion', { password }),
  cancelDeletion: () => api.delete<AccountDeletion>('/api/v1/account/deletion'),
  exports: () => api.get<DataExport[]>('/api/v1/account/exports'),
  requestExport: () => api.post<DataExport>('/api/v1/account/exports'),
  exportUrl: (id: number) => `/api/v1/account/exports/${id}/download`,
  confirmEmail: (token: string) => api.post<void>('/api/v1/account/email/confirm', { token }),
  staffMessage: (username: string, text: string) =>
    api.post<void>(`/api/v1/members/${enc(username)}/staff-messages`, { text }),
}
