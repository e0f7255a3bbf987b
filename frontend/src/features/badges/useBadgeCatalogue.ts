import { ref } from 'vue'
import { badgesApi, type BadgeView } from '@/api/badges'

const catalogue = ref<BadgeView[] | null>(null)
let loading: Promise<void> | null = null

/** The badge catalogue, fetched once per page load and shared (notifications name badges from it). */
export function useBadgeCatalogue() {
  function load(force = false): Promise<void> {
    if (catalogue.value && !force) return Promise.resolve()
    if (!loading || force) {
      loading = badgesApi.catalogue().then((list) => {
        catalogue.value = list
      }).finally(() => {
        loading = null
      })
    }
    return loading
  }

  function byId(id: number): BadgeView | undefined {
    return catalogue.value?.find((b) => b.id === id)
  }

  return { catalogue, load, byId }
}
