import { api } from './http'
import type { Role } from './accounts'

export type CategoryKind = 'DISCUSSION' | 'QUESTIONS' | 'IDEAS'
export type ThreadSort = 'latest' | 'top' | 'unanswered' | 'votes'
export type FollowLevel = 'WATCHING' | 'TRACKING' | 'MUTED'

export interface MemberRef {
  username: string
  displayName: string
  avatarUrl: string
  role: Role | null
}

export interface CategoryRef {
  id: number
  slug: string
  name: string
  color: string
  kind: CategoryKind
}

export interface GroupRightView {
  groupId: number
  see: boolean
  reply: boolean
  start: boolean
}

export interface CategoryRights {
  everyoneSee: boolean
  membersSee: boolean
  membersReply: boolean
  membersStart: boolean
  groups: GroupRightView[]
  premoderated: boolean
}

export interface CategoryView {
  id: number
  parentId: number | null
  slug: string
  name: string
  description: string
  color: string
  position: number
  kind: CategoryKind
  threadCount: number
  postCount: number
  latest: { id: number; title: string; slug: string; lastPostAt: string } | null
  canStart: boolean
  children: CategoryView[]
  rights: CategoryRights | null
  /** For admins: the fallback name and description, and what is written per language. */
  translations?: { name: string; description: string; nameFr: string | null; nameEn: string | null;
    descriptionFr: string | null; descriptionEn: string | null } | null
}

export interface ThreadSummary {
  id: number
  title: string
  slug: string
  category: CategoryRef
  author: MemberRef
  lastPoster: MemberRef | null
  replies: number
  views: number
  reactions: number
  participants: number
  tags: string[]
  pinned: boolean
  pinnedGlobally: boolean
  locked: boolean
  archived: boolean
  solved: boolean
  createdAt: string
  lastPostAt: string
  unreadPosts: number | null
  isNew: boolean
  /** Ideas only: the votes, and where staff say the idea stands (null: new). */
  votes?: number | null
  ideaStatus?: IdeaStatus | null
}

export type IdeaStatus = 'UNDER_REVIEW' | 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'DECLINED'
export const IDEA_STATUSES: IdeaStatus[] = ['UNDER_REVIEW', 'PLANNED', 'IN_PROGRESS', 'DONE', 'DECLINED']

/** An idea as the reader sees it: votes and status, and their own part (their vote, what they may do). */
export interface IdeaView {
  threadId: number
  votes: number
  status: IdeaStatus | null
  statusNote: string
  statusAt: string | null
  voted: boolean
  canVote: boolean
  votesLeft: number | null
  budget: number
  canSetStatus: boolean
}

/** A post the member keeps, with their note and reminder. */
export interface Bookmark {
  id: number
  postId: number
  threadId: number
  threadTitle: string
  threadSlug: string
  position: number
  author: string
  excerpt: string
  note: string
  remindAt: string | null
  remindedAt: string | null
  createdAt: string
}

export interface RoadmapColumn {
  status: IdeaStatus
  ideas: ThreadSummary[]
}

export interface ThreadPage {
  items: ThreadSummary[]
  nextAfter: string | null
}

export interface ReactionView {
  kind: string
  count: number
  mine: boolean
}

export interface PostView {
  id: number
  position: number
  author: MemberRef
  html: string | null
  source: string | null
  replyTo: { postId: number; position: number; username: string } | null
  createdAt: string
  editedAt: string | null
  editCount: number
  deleted: boolean
  reactions: ReactionView[]
  canEdit: boolean
  canDelete: boolean
  canReact: boolean
  accepted: boolean
  hidden: boolean
  /** Who hid it: the flags (until a moderator reviews it) or a moderator's decision. */
  hiddenBy: 'FLAGS' | 'STAFF' | null
  official: boolean
  canFlag: boolean
  wiki: boolean
  canWiki: boolean
}

export interface Held {
  queuedId: number
  reason: string
}

export function isHeld(value: unknown): value is Held {
  return typeof value === 'object' && value !== null && 'queuedId' in value
}

/** What staff did to a thread, shown between its posts ("closed by alice", "3 posts were moved to …"). */
export interface ThreadNote {
  id: number
  afterPosition: number
  actor: MemberRef | null
  action: 'LOCK' | 'UNLOCK' | 'CLOSE' | 'REOPEN' | 'PIN' | 'UNPIN' | 'PIN_GLOBALLY' | 'UNPIN_GLOBALLY' | 'ARCHIVE'
    | 'UNARCHIVE' | 'MOVE' | 'MERGE_IN' | 'SPLIT_OUT' | 'SPLIT_IN' | 'SLOW_MODE' | 'IDEA_STATUS'
  otherThreadId: number | null
  otherTitle: string | null
  fromCategory: CategoryRef | null
  toCategory: CategoryRef | null
  postCount: number
  amount: number
  createdAt: string
}

/** A member's own part of a thread page: what they may do, their reactions, follow level and read position. */
export interface ThreadViewerPart {
  threadId: number
  canReply: boolean
  canEditTitle: boolean
  canModerate: boolean
  canAccept: boolean
  following: FollowLevel | null
  lastReadPosition: number
  posts: { id: number; canEdit: boolean; canDelete: boolean; canReact: boolean; canFlag: boolean; canWiki: boolean;
    mine: string[] }[]
}

/** The shared page with the member's part laid over it (their rights, their reactions marked as theirs). */
export function withViewerPart(shared: ThreadDetail, part: ThreadViewerPart): ThreadDetail {
  const byId = new Map(part.posts.map((p) => [p.id, p]))
  const post = (p: PostView): PostView => {
    const own = byId.get(p.id)
    if (!own) return p
    const reactions = p.reactions.map((r) => ({ ...r, mine: own.mine.includes(r.kind) }))
    for (const kind of own.mine) {
      if (!reactions.some((r) => r.kind === kind)) reactions.push({ kind, count: 1, mine: true })
    }
    return { ...p, canEdit: own.canEdit, canDelete: own.canDelete, canReact: own.canReact, canFlag: own.canFlag,
      canWiki: own.canWiki, reactions }
  }
  return { ...shared, canReply: part.canReply, canEditTitle: part.canEditTitle, canModerate: part.canModerate,
    canAccept: part.canAccept, following: part.following, lastReadPosition: part.lastReadPosition,
    posts: shared.posts.map(post), acceptedAnswer: shared.acceptedAnswer ? post(shared.acceptedAnswer) : null }
}

export interface ThreadDetail {
  thread: ThreadSummary
  description: string
  canReply: boolean
  canEditTitle: boolean
  canModerate: boolean
  canAccept: boolean
  following: FollowLevel | null
  acceptedAnswer: PostView | null
  posts: PostView[]
  nextAfter: number | null
  lastReadPosition: number
  notes: ThreadNote[]
  staffNote: string | null
  slowModeSeconds: number
}

export interface Revision {
  id: number
  source: string
  replacedAt: string
  editor: MemberRef
}

export interface Reactors {
  kind: string
  count: number
  members: MemberRef[]
}

export interface TagView {
  name: string
  threads: number
  allowed: boolean
}

export interface SaveCategoryBody {
  name: string
  slug?: string
  description?: string
  color?: string
  position?: number
  parentId?: number | null
  kind?: CategoryKind
  everyoneSee?: boolean
  membersSee?: boolean
  membersReply?: boolean
  membersStart?: boolean
  groupRights?: { groupId: number; see: boolean; reply: boolean; start: boolean }[]
  /** Per language; an empty one falls back to the name and description above. */
  nameFr?: string
  nameEn?: string
  descriptionFr?: string
  descriptionEn?: string
}

export const REACTIONS: Record<string, string> = {
  like: '👍',
  heart: '❤️',
  laugh: '😄',
  wow: '😮',
  celebrate: '🎉',
  sad: '😢',
}

const enc = encodeURIComponent
const q = (params: Record<string, string | number | null | undefined>) => {
  const parts = Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${enc(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export const forumApi = {
  bookmark: (postId: number, note: string, remindAt: string | null) =>
    api.put<Bookmark>(`/api/v1/posts/${postId}/bookmark`, { note, remindAt }),
  unbookmark: (postId: number) => api.delete<void>(`/api/v1/posts/${postId}/bookmark`),
  bookmarks: (after: number | null) =>
    api.get<{ items: Bookmark[]; nextAfter: number | null }>(`/api/v1/me/bookmarks${after ? `?after=${after}` : ''}`),
  threadBookmarks: (threadId: number) => api.get<number[]>(`/api/v1/threads/${threadId}/bookmarks`),
  idea: (threadId: number) => api.get<IdeaView>(`/api/v1/threads/${threadId}/idea`),
  vote: (threadId: number) => api.put<IdeaView>(`/api/v1/threads/${threadId}/vote`),
  unvote: (threadId: number) => api.delete<IdeaView>(`/api/v1/threads/${threadId}/vote`),
  setIdeaStatus: (threadId: number, status: IdeaStatus, note: string) =>
    api.put<IdeaView>(`/api/v1/threads/${threadId}/idea-status`, { status, note }),
  roadmap: () => api.get<RoadmapColumn[]>('/api/v1/ideas/roadmap'),
  ideaBudget: () => api.get<{ budget: number }>('/api/v1/admin/ideas'),
  setIdeaBudget: (budget: number) => api.put<{ budget: number }>('/api/v1/admin/ideas', { budget }),
  categories: () => api.get<CategoryView[]>('/api/v1/categories'),
  categoryThreads: (slug: string, sort: ThreadSort, after: string | null) =>
    api.get<ThreadPage>(`/api/v1/categories/${enc(slug)}/threads${q({ sort, after, limit: 30 })}`),
  latest: (after: string | null, tag?: string, limit = 30) =>
    api.get<ThreadPage>(`/api/v1/threads${q({ after, tag, limit })}`),
  thread: (id: number, after = 0) => api.get<ThreadDetail>(`/api/v1/threads/${id}${q({ after, limit: 20 })}`),
  /**
   * A signed-in member's page (staff excepted: they see what moderation hid): the page every guest shares, from the
   * server's cache, and the member's own part beside it, put together.
   */
  memberThread: async (id: number, after = 0) => {
    const [shared, mine] = await Promise.all([
      api.get<ThreadDetail>(`/api/v1/threads/${id}${q({ after, limit: 20, shared: 'true' })}`),
      api.get<ThreadViewerPart>(`/api/v1/threads/${id}/me${q({ after, limit: 20 })}`),
    ])
    return withViewerPart(shared, mine)
  },
  /** A held post comes back as { queuedId, reason } (202): it waits for a moderator. */
  createThread: (body: { categoryId: number; title: string; body: string; tags: string[] }) =>
    api.post<ThreadDetail | Held>('/api/v1/threads', body),
  reply: (threadId: number, body: string, replyTo: number | null) =>
    api.post<PostView | Held>(`/api/v1/threads/${threadId}/posts`, { body, replyTo }),
  updateThread: (id: number, body: Partial<{ pinned: boolean; pinnedGlobally: boolean; locked: boolean;
    archived: boolean; categoryId: number; title: string }>) => api.patch<ThreadDetail>(`/api/v1/threads/${id}`, body),
  accept: (threadId: number, postId: number) =>
    api.post<void>(`/api/v1/threads/${threadId}/accepted-answer`, { postId }),
  unaccept: (threadId: number) => api.delete<void>(`/api/v1/threads/${threadId}/accepted-answer`),
  follow: (threadId: number, level: FollowLevel) => api.put<void>(`/api/v1/threads/${threadId}/follow`, { level }),
  categoryFollow: (slug: string) => api.get<{ level: FollowLevel | null }>(`/api/v1/categories/${encodeURIComponent(slug)}/follow`),
  followCategory: (slug: string, level: FollowLevel | null) =>
    api.put<{ level: FollowLevel | null }>(`/api/v1/categories/${encodeURIComponent(slug)}/follow`, { level }),
  unfollow: (threadId: number) => api.delete<void>(`/api/v1/threads/${threadId}/follow`),
  editPost: (id: number, body: string) => api.patch<PostView>(`/api/v1/posts/${id}`, { body }),
  setWiki: (id: number, wiki: boolean) => api.put<PostView>(`/api/v1/posts/${id}/wiki`, { wiki }),
  deletePost: (id: number) => api.delete<void>(`/api/v1/posts/${id}`),
  revisions: (id: number) => api.get<Revision[]>(`/api/v1/posts/${id}/revisions`),
  reactors: (id: number) => api.get<Reactors[]>(`/api/v1/posts/${id}/reactions`),
  react: (id: number, kind: string) => api.post<ReactionView[]>(`/api/v1/posts/${id}/reactions/${kind}`),
  unreact: (id: number, kind: string) => api.delete<ReactionView[]>(`/api/v1/posts/${id}/reactions/${kind}`),
  preview: (body: string) => api.post<{ html: string }>('/api/v1/preview', { body }),
  tags: () => api.get<{ restricted: boolean; tags: TagView[] }>('/api/v1/tags'),
  saveTagSettings: (restricted: boolean, allowed: string[]) =>
    api.put<void>('/api/v1/tags/settings', { restricted, allowed }),
  createCategory: (body: SaveCategoryBody) => api.post<CategoryRef>('/api/v1/categories', body),
  updateCategory: (id: number, body: SaveCategoryBody) => api.patch<CategoryRef>(`/api/v1/categories/${id}`, body),
  deleteCategory: (id: number) => api.delete<void>(`/api/v1/categories/${id}`),
}

/** A category tree as one list, each parent followed by its children (for pickers and lookups). */
export function flattenCategories(tree: CategoryView[]): CategoryView[] {
  return tree.flatMap((c) => [c, ...c.children])
}
