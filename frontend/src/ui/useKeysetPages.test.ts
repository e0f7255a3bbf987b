import { describe, expect, it } from 'vitest'
import { useKeysetPages, type KeysetPage } from './useKeysetPages'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => { resolve = r })
  return { promise, resolve }
}

describe('useKeysetPages', () => {
  it('loads the first page, then appends the next one until the end', async () => {
    const pages: Record<string, KeysetPage<number, number>> = {
      start: { items: [1, 2], next: 2 },
      '2': { items: [3], next: null },
    }
    const asked: (number | null)[] = []
    const list = useKeysetPages<number, number>(async (after) => {
      asked.push(after)
      return pages[after === null ? 'start' : String(after)]
    })
    await list.load()
    expect(list.items.value).toEqual([1, 2])
    expect(list.next.value).toBe(2)
    await list.loadMore()
    expect(list.items.value).toEqual([1, 2, 3])
    expect(list.next.value).toBeNull()
    await list.loadMore() // nothing more to ask for
    expect(asked).toEqual([null, 2])
    expect(list.loaded.value).toBe(true)
  })

  it('keeps the latest reload when an earlier one answers late', async () => {
    const slow = deferred<KeysetPage<string, number>>()
    const fast = deferred<KeysetPage<string, number>>()
    const answers = [slow.promise, fast.promise]
    const list = useKeysetPages<string, number>(() => answers.shift()!)
    const first = list.load()
    const second = list.reload()
    fast.resolve({ items: ['filtered'], next: null })
    await second
    slow.resolve({ items: ['stale'], next: 7 })
    await first
    expect(list.items.value).toEqual(['filtered'])
    expect(list.next.value).toBeNull()
    expect(list.loading.value).toBe(false)
  })

  it('reports an error and keeps what was listed', async () => {
    let fail = false
    const list = useKeysetPages<number, number>(async () => {
      if (fail) throw new Error('offline')
      return { items: [1], next: 1 }
    })
    await list.load()
    fail = true
    await list.loadMore()
    expect(list.items.value).toEqual([1])
    expect((list.error.value as Error).message).toBe('offline')
    expect(list.loading.value).toBe(false)
  })

  it('appends live arrivals once and replaces changed items', async () => {
    const list = useKeysetPages<{ id: number; text: string }, number>(async () => ({
      items: [{ id: 1, text: 'a' }], next: null,
    }))
    await list.load()
    expect(list.append([{ id: 1, text: 'a' }, { id: 2, text: 'b' }], (x, y) => x.id === y.id)).toBe(1)
    list.replace((x) => x.id === 2, { id: 2, text: 'edited' })
    expect(list.items.value.map((x) => x.text)).toEqual(['a', 'edited'])
  })
})
