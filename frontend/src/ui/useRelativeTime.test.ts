import { describe, expect, it } from 'vitest'
import { relativeTime } from './useRelativeTime'

describe('relativeTime', () => {
  const now = Date.parse('2026-11-23T12:00:00Z')

  it('speaks English and French', () => {
    expect(relativeTime('2026-11-23T09:00:00Z', 'en', now)).toBe('3 hours ago')
    expect(relativeTime('2026-11-23T09:00:00Z', 'fr', now)).toBe('il y a 3 heures')
  })

  it('says "just now" / "à l’instant" for the last minute', () => {
    expect(relativeTime('2026-11-23T11:59:40Z', 'en', now)).toBe('just now')
    expect(relativeTime('2026-11-23T11:59:40Z', 'fr', now)).toBe('à l’instant')
    expect(relativeTime('2026-11-23T11:58:30Z', 'fr', now)).toBe('il y a 1 minute')
  })
})
