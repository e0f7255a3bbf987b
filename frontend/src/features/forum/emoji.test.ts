import { describe, expect, it } from 'vitest'
import { emojiMatches, tokenAt } from './emoji'

describe('composer suggestions', () => {
  it('finds the mention or shortcode being typed at the caret', () => {
    expect(tokenAt('Thanks @jea', 11)).toEqual({ kind: '@', query: 'jea', start: 7 })
    expect(tokenAt('@', 1)).toEqual({ kind: '@', query: '', start: 0 })
    expect(tokenAt('great :smi', 10)).toEqual({ kind: ':', query: 'smi', start: 6 })
    expect(tokenAt('at 10:30', 8)).toBeNull()
    expect(tokenAt('mail me at jo@example', 21)).toBeNull()
    expect(tokenAt('done :s', 7)).toBeNull()
  })

  it('lists shortcodes that start with what was typed before those that contain it', () => {
    const found = emojiMatches('he').map(([code]) => code)
    expect(found[0]).toBe('heart')
    expect(found).toContain('heart_eyes')
    expect(emojiMatches('zzz')).toEqual([])
  })
})
