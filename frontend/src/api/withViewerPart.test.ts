import { describe, expect, it } from 'vitest'
import { withViewerPart, type PostView, type ThreadDetail, type ThreadViewerPart } from './forum'

const post = (id: number, reactions: PostView['reactions'] = []): PostView => ({
  id, position: id, author: { username: 'a', displayName: 'A', avatarUrl: '', role: 'MEMBER' }, html: '<p>x</p>',
  source: 'x', replyTo: null, createdAt: '2026-11-30T10:00:00Z', editedAt: null, editCount: 0, deleted: false,
  reactions, canEdit: false, canDelete: false, canReact: false, accepted: false, hidden: false, hiddenBy: null,
  official: false, canFlag: false, wiki: false, canWiki: false })

describe('withViewerPart', () => {
  it('lays a member’s rights and reactions over the page every guest shares', () => {
    const shared = { thread: {} as ThreadDetail['thread'], description: '', canReply: false, canEditTitle: false,
      canModerate: false, canAccept: false, following: null, acceptedAnswer: null, nextAfter: null,
      lastReadPosition: 0, notes: [], staffNote: null, slowModeSeconds: 0,
      posts: [post(1, [{ kind: 'like', count: 2, mine: false }]), post(2)] } as ThreadDetail
    const part: ThreadViewerPart = { threadId: 7, canReply: true, canEditTitle: false, canModerate: false,
      canAccept: true, following: 'WATCHING', lastReadPosition: 1,
      posts: [{ id: 1, canEdit: true, canDelete: true, canReact: false, canFlag: false, canWiki: false, mine: ['like'] },
        { id: 2, canEdit: false, canDelete: false, canReact: true, canFlag: true, canWiki: false, mine: [] }] }
    const page = withViewerPart(shared, part)
    expect(page.canReply).toBe(true)
    expect(page.following).toBe('WATCHING')
    expect(page.lastReadPosition).toBe(1)
    expect(page.posts[0].canEdit).toBe(true)
    expect(page.posts[0].reactions).toEqual([{ kind: 'like', count: 2, mine: true }])
    expect(page.posts[1].canFlag).toBe(true)
    expect(shared.posts[0].canEdit).toBe(false)
  })
})
