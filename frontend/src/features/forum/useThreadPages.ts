import { ref } from 'vue'
import type { ThreadPage, ThreadSummary } from '@/api/forum'

/** A keyset-paged thread list: items, whether more exist, loading state and error, and the next page. */
export function useThreadPages(fetchPage: (after: string | null) => Promise<ThreadPage>) {
  const items = ref<ThreadSummary[]>([])
  const next = ref<string | null>(null)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<unknown>(null)

  async function load(reset = true) {
    loading.value = true
    error.value = null
    try {
      const page = await fetchPage(reset ? null : next.value)
      items.value = reset ? page.items : [...items.value, ...page.items]
      next.value = page.nextAfter
      loaded.value = true
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  return { items, next, loading, loaded, error, load, loadMore: () => load(false) }
}
