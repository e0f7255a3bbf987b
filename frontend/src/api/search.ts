import { api } from './http'

export interface SearchHit {
  postId: number
  threadId: number
  threadTitle: string
  threadSlug: string
  position: number
  categoryId: number
  authorUsername: string
  authorDisplayName: string
  createdAt: string
  solved: boolean
  /** HTML: the text escaped by the server, matches wrapped in <mark>. */
  snippet: string
}

export interface SearchPage {
  engine: string
  total: number
  page: number
  pageSize: number
  hits: SearchHit[]
  categories: { id: number; name: string; slug: string; color: string }[]
}

export interface Suggestion {
  threadId: number
  title: string
  slug: string
  solved: boolean
}

export interface ReindexStatus {
  engine: string
  state: 'IDLE' | 'RUNNING' | 'DONE' | 'FAILED'
  target: string | null
  total: number
  done: number
  startedAt: string | null
  finishedAt: string | null
  postsPerSecond: number
  error: string | null
  queue: { pending: number; failing: number; oldestError: string | null }
}

export type SearchParams = Partial<Record<'q' | 'category' | 'tag' | 'author' | 'after' | 'before' | 'solved' | 'sort' | 'page', string>>

export const searchApi = {
  search: (params: SearchParams) => {
    const query = Object.entries(params).filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`).join('&')
    return api.get<SearchPage>(`/api/v1/search?${query}`)
  },
  suggest: (q: string) => api.get<Suggestion[]>(`/api/v1/search/suggest?q=${encodeURIComponent(q)}`),
  reindexStatus: () => api.get<ReindexStatus>('/api/v1/admin/search/reindex'),
  reindex: () => api.post<ReindexStatus>('/api/v1/admin/search/reindex'),
}
