import { api } from './http'

export type BadgeTier = 'BRONZE' | 'SILVER' | 'GOLD'
export type BadgeGroup = 'GETTING_STARTED' | 'COMMUNITY' | 'CONTRIBUTION' | 'EVENTS' | 'STAFF'
export const BADGE_GROUPS: BadgeGroup[] = ['GETTING_STARTED', 'CONTRIBUTION', 'COMMUNITY', 'EVENTS', 'STAFF']

export interface Bilingual {
  en: string
  fr: string
}

export interface BadgeView {
  id: number
  slug: string
  name: Bilingual
  description: Bilingual
  icon: string
  tier: BadgeTier
  group: BadgeGroup
  multiple: boolean
  retired: boolean
  enabled: boolean
  allowTitle: boolean
  rule: string | null
  threshold: number
  holders: number
  earned: number
}

export interface EarnedBy {
  threadId: number
  threadTitle: string
  url: string
}

export interface BadgeHolder {
  grantId: number
  username: string
  displayName: string
  avatarUrl: string
  grantedAt: string
  earnedBy: EarnedBy | null
}

export interface HolderPage {
  badge: BadgeView
  items: BadgeHolder[]
  next: number | null
}

export interface MemberBadge {
  grantId: number
  badge: BadgeView
  grantedAt: string
  earnedBy: EarnedBy | null
}

export const badgesApi = {
  catalogue: () => api.get<BadgeView[]>('/api/v1/badges'),
  holders: (id: number, before: number | null, limit = 30) =>
    api.get<HolderPage>(`/api/v1/badges/${id}/holders?limit=${limit}${before === null ? '' : `&before=${before}`}`),
  ofMember: (username: string) => api.get<MemberBadge[]>(`/api/v1/members/${encodeURIComponent(username)}/badges`),
}

/** The built-in icon set: a pictogram per icon name (decorative; the badge's name is always written next to it). */
const ICONS: Record<string, string> = {
  pencil: '✏️', stack: '📚', 'thumbs-up': '👍', sparkles: '✨', trophy: '🏆', flame: '🔥', rocket: '🚀',
  check: '✅', lifebuoy: '🛟', star: '⭐', crown: '👑', heart: '❤️', hearts: '💞', gem: '💎', wave: '👋',
  chat: '💬', megaphone: '📣', calendar: '📅', cake: '🎂', flag: '🚩', 'id-card': '🪪', ticket: '🎟️',
  tickets: '🎫', book: '📖', medal: '🏅',
}

export function badgeIcon(icon: string): string {
  return ICONS[icon] ?? '🏅'
}

export type ConditionKind = 'POSTS_IN_CATEGORY' | 'ACCEPTED_IN_CATEGORY' | 'LIKERS' | 'GROUP_MEMBER' | 'POSTS'
  | 'ATTENDED_EVENTS'
export const CONDITION_KINDS: ConditionKind[] = ['POSTS_IN_CATEGORY', 'ACCEPTED_IN_CATEGORY', 'LIKERS', 'GROUP_MEMBER',
  'POSTS', 'ATTENDED_EVENTS']

export interface Condition {
  kind: ConditionKind
  n: number
  categoryId: number | null
  groupId: number | null
}

export interface BadgeRule {
  conditions: Condition[]
}

export interface SaveBadge {
  nameEn: string
  nameFr: string
  descriptionEn: string
  descriptionFr: string
  icon: string
  tier: BadgeTier
  group: BadgeGroup
  allowTitle: boolean
  rule: BadgeRule | null
}

export interface DryRun {
  wouldGrant: number
  examples: string[]
}

export interface BackfillProgress {
  id: number
  badgeId: number
  done: number
  total: number
  granted: number
  startedAt: string
  finishedAt: string | null
  perSecond: number
}

export interface GrantResult {
  granted: number
  alreadyHeld: number
  unknown: string[]
}

export const ICON_NAMES = ['pencil', 'stack', 'thumbs-up', 'sparkles', 'trophy', 'flame', 'rocket', 'check',
  'lifebuoy', 'star', 'crown', 'heart', 'hearts', 'gem', 'wave', 'chat', 'megaphone', 'calendar', 'cake', 'flag',
  'id-card', 'ticket', 'tickets', 'book', 'medal']

export const badgeAdminApi = {
  list: () => api.get<BadgeView[]>('/api/v1/admin/badges'),
  create: (body: SaveBadge) => api.post<BadgeView>('/api/v1/admin/badges', body),
  update: (id: number, body: SaveBadge) => api.patch<BadgeView>(`/api/v1/admin/badges/${id}`, body),
  dryRun: (rule: BadgeRule) => api.post<DryRun>('/api/v1/admin/badges/dry-run', rule),
  setEnabled: (id: number, on: boolean) => api.put<BadgeView>(`/api/v1/admin/badges/${id}/enabled`, { on }),
  setRetired: (id: number, on: boolean) => api.put<BadgeView>(`/api/v1/admin/badges/${id}/retired`, { on }),
  grant: (id: number, usernames: string[], reason: string) =>
    api.post<GrantResult>(`/api/v1/admin/badges/${id}/grants`, { usernames, reason }),
  revoke: (grantId: number, reason: string) => api.deleteWithBody<void>(`/api/v1/admin/badges/grants/${grantId}`, { reason }),
  backfills: (id: number) => api.get<BackfillProgress[]>(`/api/v1/admin/badges/${id}/backfills`),
}

export type Period = 'week' | 'month' | 'year'

export interface Leader {
  rank: number
  username: string
  displayName: string
  avatarUrl: string
  points: number
}

export interface BadgeProgress {
  badge: BadgeView
  current: number
  target: number
}

export interface PointSettings {
  post: number
  like: number
  answer: number
  staffOnBoard: boolean
}

export const leaderboardApi = {
  leaders: (period: Period) => api.get<Leader[]>(`/api/v1/leaderboard?period=${period}`),
  progress: () => api.get<BadgeProgress[]>('/api/v1/me/badge-progress'),
  settings: () => api.get<PointSettings>('/api/v1/admin/badges/settings'),
  saveSettings: (body: PointSettings) => api.put<PointSettings>('/api/v1/admin/badges/settings', body),
}

export interface TrustActivity {
  daysVisited: number
  daysVisitedOf100: number
  replies: number
  likesGiven: number
  likers: number
  flagsAgainst: number
}

export interface TrustView {
  level: number
  locked: boolean
  belowSince: string | null
  activity: TrustActivity
}

export interface TrustThresholds {
  tl2Days: number
  tl2Replies: number
  tl2LikesGiven: number
  tl2Likers: number
  tl3Days: number
  tl3Replies: number
  tl3LikesGiven: number
  tl3Likers: number
  tl3FlagsAgainst: number
  graceDays: number
}

export const trustApi = {
  mine: () => api.get<TrustView>('/api/v1/me/trust'),
  ofMember: (username: string) => api.get<TrustView>(`/api/v1/admin/members/${encodeURIComponent(username)}/trust`),
  set: (username: string, level: number, locked: boolean) =>
    api.put<TrustView>(`/api/v1/admin/members/${encodeURIComponent(username)}/trust`, { level, locked }),
  thresholds: () => api.get<TrustThresholds>('/api/v1/admin/trust'),
  saveThresholds: (body: TrustThresholds) => api.put<TrustThresholds>('/api/v1/admin/trust', body),
}

export interface Jump {
  username: string
  displayName: string
  thisWeek: number
  usualPerWeek: number
}

export const jumpsApi = {
  list: () => api.get<Jump[]>('/api/v1/admin/badges/jumps'),
}

export interface MemberTitle {
  username: string
  badgeId: number
  name: Bilingual
  tier: BadgeTier
}

export const titlesApi = {
  of: (usernames: string[]) =>
    api.get<MemberTitle[]>(`/api/v1/badges/titles?usernames=${encodeURIComponent(usernames.join(','))}`),
  choose: (badgeId: number | null) => api.put<void>('/api/v1/me/title', { badgeId }),
}

export interface InviteCreated {
  url: string
  email: string
  expiresAt: string
}

export const invitesApi = {
  invite: (email: string) => api.post<InviteCreated>('/api/v1/invites', { email: email || null }),
}
