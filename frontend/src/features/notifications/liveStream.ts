// One Server-Sent Events connection per tab. It carries the signed-in member's notification events, the site's
// (the crisis banner) and, while a thread is open, that thread's new posts. The browser reconnects by itself; 'ready' fires on every (re)connect so
// listeners can catch up on what they missed.

type Listener = (data: Record<string, unknown>) => void

const listeners = new Map<string, Set<Listener>>()
let source: EventSource | null = null
let signedIn = false
let thread: number | null = null

function url(): string {
  return thread === null ? '/api/v1/live' : `/api/v1/live?thread=${thread}`
}

function reconnect(): void {
  source?.close()
  source = null
  if (typeof EventSource === 'undefined' || (!signedIn && thread === null)) return
  source = new EventSource(url(), { withCredentials: true })
  for (const type of ['ready', 'notification', 'post', 'crisis']) {
    source.addEventListener(type, (event) => {
      let data: Record<string, unknown> = {}
      try {
        data = JSON.parse((event as MessageEvent<string>).data || '{}')
      } catch {
        data = {}
      }
      listeners.get(type)?.forEach((listener) => listener(data))
    })
  }
}

// A page left for another keeps no stream open: browsers may keep it in their back-forward cache, and every
// stream held there would take one of the few connections a browser opens to a site, until pages wait forever.
// Coming back to it (from that cache) opens its stream again.
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    source?.close()
    source = null
  })
  window.addEventListener('pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) reconnect()
  })
}

export const liveStream = {
  setSignedIn(value: boolean): void {
    if (value !== signedIn) {
      signedIn = value
      reconnect()
    }
  },
  setThread(id: number | null): void {
    if (id !== thread) {
      thread = id
      reconnect()
    }
  },
  on(type: 'ready' | 'notification' | 'post' | 'crisis', listener: Listener): () => void {
    if (!listeners.has(type)) listeners.set(type, new Set())
    listeners.get(type)!.add(listener)
    return () => listeners.get(type)?.delete(listener)
  },
}
