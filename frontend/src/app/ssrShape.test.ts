import { describe, expect, it } from 'vitest'
import { captureSsrShape, firstCount } from './ssrShape'

describe('ssrShape', () => {
  it('gives the first list the rows of the server page, and later ones the default', () => {
    const page = document.createElement('div')
    page.innerHTML = '<main class="ssr"><ul class="ssr-threads"><li>a</li><li>b</li><li>c</li></ul></main>'
    captureSsrShape(page)
    expect(firstCount('threads', 12)).toBe(3)
    expect(firstCount('threads', 12)).toBe(12)
    expect(firstCount('categories', 4)).toBe(4)
  })
})
