import { useI18n } from 'vue-i18n'

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['week', 7 * 24 * 3600], ['day', 24 * 3600],
  ['hour', 3600], ['minute', 60],
]

/** "3 hours ago" / "il y a 3 heures", in the UI language. */
export function relativeTime(iso: string, locale: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000)
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.trunc(seconds / size), unit)
    }
  }
  return format.format(0, 'minute')
}

export function useRelativeTime() {
  const { locale } = useI18n()
  return (iso: string) => relativeTime(iso, locale.value)
}
