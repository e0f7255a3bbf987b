// How many rows the server-rendered page showed, counted before the app replaces it: the app's first skeletons
// take the same number of rows, so nothing below them moves when the real rows arrive. Read once: later pages
// are the app's own and use their defaults.
let shape: { threads: number | null; categories: number | null } | null = null
let used = { threads: false, categories: false }

export function captureSsrShape(root: ParentNode = document): void {
  const ssr = root.querySelector('main.ssr')
  shape = {
    threads: ssr?.querySelector('ul.ssr-threads') ? ssr.querySelectorAll('ul.ssr-threads > li').length : null,
    categories: ssr?.querySelector('ul.ssr-categories') ? ssr.querySelectorAll('ul.ssr-categories > li').length : null,
  }
  used = { threads: false, categories: false }
}

/** The server's count for the first list of this kind the app shows, else {@code fallback}. */
export function firstCount(kind: 'threads' | 'categories', fallback: number): number {
  if (!shape || used[kind] || shape[kind] === null) return fallback
  used[kind] = true
  return Math.max(1, shape[kind] as number)
}
