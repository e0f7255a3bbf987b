import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { describeError } from '@/app/i18n'

/**
 * A console page's first load (and its retries): whether it is loading, loaded, or failed with a message in the
 * reader's language, for PageState. The page's frame renders at once around it.
 */
export function usePageLoad(fetch: () => Promise<unknown>) {
  const { t, te } = useI18n()
  const loading = ref(false)
  const loaded = ref(false)
  const failure = ref<unknown>(null)
  async function run() {
    loading.value = true
    failure.value = null
    try {
      await fetch()
      loaded.value = true
    } catch (e) {
      failure.value = e
    } finally {
      loading.value = false
    }
  }
  const error = computed(() => (failure.value ? describeError(t, te, failure.value) : ''))
  return { loading, loaded, error, run }
}
