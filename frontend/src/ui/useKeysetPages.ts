import { ref, type Ref } from 'vue'

/** One page of a keyset-paged list: its items and the key of the next page (null at the end). */
export interface KeysetPage<T, K> {
  items: T[]
  next: K | null
}

/**
 * A list that grows page by page ("load more"), keyset-paged by the server: items, the next page's key, loading
 * state and error. The list pages of the forum and the console share it. A reload started while an earlier load is
 * still in flight (a filter changed) wins: the earlier answer is dropped instead of mixing two lists.
 */
export function useKeysetPages<T, K>(fetchPage: (after: K | null) => Promise<KeysetPage<T, K>>) {
  const items = ref([]) as Ref<T[]>
  const next = ref(null) as Ref<K | null>
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<unknown>(null)
  let generation = 0

  async function load(reset = true): Promise<void> {
    if (!reset && (next.value === null || loading.value)) return
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const page = await fetchPage(reset ? null : next.value)
      if (mine !== generation) return
      items.value = reset ? page.items : [...items.value, ...page.items]
      next.value = page.next
      loaded.value = true
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  /** Puts a changed item in place of the one it replaces. */
  function replace(matches: (item: T) => boolean, item: T) {
    items.value = items.value.map((existing) => (matches(existing) ? item : existing))
  }

  /** Adds items at the end (live arrivals), skipping any already listed. */
  function append(added: T[], sameAs: (a: T, b: T) => boolean) {
    const fresh = added.filter((a) => !items.value.some((b) => sameAs(a, b)))
    if (fresh.length) items.value = [...items.value, ...fresh]
    return fresh.length
  }

  return {
    items, next, loading, loaded, error,
    load, reload: () => load(true), loadMore: () => load(false), replace, append,
  }
}
