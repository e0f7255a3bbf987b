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
