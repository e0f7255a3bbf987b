import { nextTick } from 'vue'
import type { Router } from 'vue-router'
import { request } from '@/api/http'

/** Whether the browser asks not to be tracked (Do Not Track or Global Privacy Control). */
export function privacyRequested(nav: Navigator = navigator): boolean {
  const withGpc = nav as Navigator & { globalPrivacyControl?: boolean }
  return nav.doNotTrack === '1' || withGpc.globalPrivacyControl === true
}

/**
 * Tells the server a page was shown, once it has rendered (prefetches and bots that run no script never count). The
 * first page says where the visitor came from; nothing is sent when the browser asks for privacy.
 */
export function countPageViews(router: Router): void {
  let first = true
  router.afterEach((to, from, failure) => {
    if (failure || privacyRequested()) return
    const referrer = first ? document.referrer : null
    first = false
    void nextTick(() => setTimeout(() => {
      request('POST', '/api/v1/analytics/view', { referrer: referrer || null, embed: false }).catch(() => undefined)
    }, 0))
  })
}
