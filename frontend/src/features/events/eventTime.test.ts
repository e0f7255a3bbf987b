import { describe, expect, it } from 'vitest'
import { describeStart, googleLink, monthGrid, outlookLink } from './eventTime'

describe('event times', () => {
  it('shows the reader their own time, with the event zone beside it only when they differ', () => {
    // 10 December 2026, 18:00 in Paris is 17:00 UTC and 12:00 in New York.
    const start = '2026-12-10T17:00:00Z'
    expect(describeStart(start, 'Europe/Paris', 'en', 'Europe/Paris')).toBe('Thursday, December 10, 2026 at 6:00 PM (Europe/Paris)')
    const fromNewYork = describeStart(start, 'Europe/Paris', 'fr', 'America/New_York')
    expect(fromNewYork).toContain('12:00 (America/New_York)')
    expect(fromNewYork).toContain('— 18:00 Europe/Paris')
  })

  it('keeps the local time across a daylight-saving change (the server stores wall-clock times)', () => {
    expect(describeStart('2026-10-20T16:00:00Z', 'Europe/Paris', 'fr', 'Europe/Paris')).toContain('18:00')
    expect(describeStart('2026-11-03T17:00:00Z', 'Europe/Paris', 'fr', 'Europe/Paris')).toContain('18:00')
  })

  it('builds calendar links with the event instants', () => {
    const e = { title: 'Webinar', startsAt: '2026-12-10T17:00:00Z', endsAt: '2026-12-10T18:00:00Z',
      zone: 'Europe/Paris', location: '' }
    const google = new URL(googleLink(e, 'https://forum.example/events/1/webinar'))
    expect(google.searchParams.get('dates')).toBe('20261210T170000Z/20261210T180000Z')
    expect(google.searchParams.get('ctz')).toBe('Europe/Paris')
    expect(new URL(outlookLink(e, 'https://x')).searchParams.get('startdt')).toBe('2026-12-10T17:00:00.000Z')
  })

  it('lays a month out from Monday with each event on its local day', () => {
    const grid = monthGrid(2026, 11, [{ startsAt: '2026-12-10T23:30:00Z' }], 'Europe/Paris')
    expect(grid).toHaveLength(42)
    expect(grid[0].date).toBe('2026-11-30') // December 2026 starts on a Tuesday
    expect(grid.find((d) => d.date === '2026-12-11')!.events).toHaveLength(1) // 00:30 in Paris
  })
})
