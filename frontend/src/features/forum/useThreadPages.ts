import type { ThreadPage, ThreadSummary } from '@/api/forum'
import { useKeysetPages } from '@/ui/useKeysetPages'

/** A keyset-paged thread list (latest, a category's, a tag's), on the shared "load more" composable. */
export function useThreadPages(fetchPage: (after: string | null) => Promise<ThreadPage>) {
  return useKeysetPages<ThreadSummary, string>(async (after) => {
    const page = await fetchPage(after)
    return { items: page.items, next: page.nextAfter }
  })
}
