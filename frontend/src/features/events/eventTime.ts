/** The reader's time zone, from the browser (the member's profile zone is the server's concern for mails). */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

function offsetMinutes(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'))
  return Math.round((asUtc - Math.floor(instant.getTime() / 60000) * 60000) / 60000)
}

/**
 * When an event starts, in the reader's zone, and in the event's own zone beside it when the two differ at that
 * instant: "Thursday 10 December 2026 at 18:00 (Europe/Paris)" or "… 12:00 (America/New_York) — 18:00 Europe/Paris".
 */
export function describeStart(startsAt: string, eventZone: string, locale: string, zone = viewerZone()): string {
  const instant = new Date(startsAt)
  const mine = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: zone })
    .format(instant)
  if (offsetMinutes(instant, zone) === offsetMinutes(instant, eventZone)) {
    return `${mine} (${zone})`
  }
  const theirs = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: eventZone }).format(instant)
  return `${mine} (${zone}) — ${theirs} ${eventZone}`
}

/** A short date and time in the reader's zone, for lists. */
export function shortStart(startsAt: string, locale: string, zone = viewerZone()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone })
    .format(new Date(startsAt))
}

function utcStamp(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

/** "Add to Google Calendar": the event's instants in UTC, its own zone named. */
export function googleLink(e: { title: string; startsAt: string; endsAt: string; zone: string; location: string },
  pageUrl: string): string {
  const q = new URLSearchParams({ action: 'TEMPLATE', text: e.title, dates: `${utcStamp(e.startsAt)}/${utcStamp(e.endsAt)}`,
    details: pageUrl, location: e.location || pageUrl, ctz: e.zone })
  return `https://calendar.google.com/calendar/render?${q.toString()}`
}

/** "Add to Outlook": the web composer with the event's instants. */
export function outlookLink(e: { title: string; startsAt: string; endsAt: string; location: string },
  pageUrl: string): string {
  const q = new URLSearchParams({ path: '/calendar/action/compose', rru: 'addevent', subject: e.title,
    startdt: new Date(e.startsAt).toISOString(), enddt: new Date(e.endsAt).toISOString(), body: pageUrl,
    location: e.location || pageUrl })
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q.toString()}`
}

/** The days of a month grid (Monday first), with the events starting on each, in the reader's zone. */
export function monthGrid<T extends { startsAt: string }>(year: number, month: number, events: T[],
  zone = viewerZone()): { date: string; inMonth: boolean; events: T[] }[] {
  const first = new Date(Date.UTC(year, month, 1))
  const lead = (first.getUTCDay() + 6) % 7
  const days: { date: string; inMonth: boolean; events: T[] }[] = []
  const dayOf = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric',
    month: '2-digit', day: '2-digit' }).format(new Date(iso))
  for (let i = -lead; days.length < 42; i++) {
    const d = new Date(Date.UTC(year, month, 1 + i))
    const date = d.toISOString().slice(0, 10)
    days.push({ date, inMonth: d.getUTCMonth() === month, events: events.filter((e) => dayOf(e.startsAt) === date) })
  }
  return days
}
