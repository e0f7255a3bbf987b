import { useI18n } from 'vue-i18n'

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['week', 7 * 24 * 3600], ['day', 24 * 3600],
  ['hour', 3600], ['minute', 60],
]

const JUST_NOW: Record<string, string> = { en: 'just now', fr: 'à l’instant' }

/** "3 hours ago" / "il y a 3 heures", in the UI language; under a minute, "just now" / "à l’instant". */
export function relativeTime(iso: string, locale: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000)
  if (Math.abs(seconds) < 60) return JUST_NOW[locale] ?? JUST_NOW.en
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.trunc(seconds / size), unit)
    }
  }
  return JUST_NOW[locale] ?? JUST_NOW.en
}

export function useRelativeTime() {
  const { locale } = useI18n()
  return (iso: string) => relativeTime(iso, locale.value)
}
