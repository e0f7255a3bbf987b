import { createI18n } from 'vue-i18n'
import en from '@/i18n/en.json'
import fr from '@/i18n/fr.json'
import { setApiLanguage, ApiError, NetworkError } from '@/api/http'

export type Language = 'en' | 'fr'
export const LANGUAGES: Language[] = ['fr', 'en']
const STORAGE_KEY = 'ruche.language'

/** The remembered choice first, then the browser's preference, then English. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'fr' || saved === 'en') {
    return saved
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const tag of preferred) {
    const base = (tag ?? '').toLowerCase().split('-')[0]
    if (base === 'fr' || base === 'en') {
      return base
    }
  }
  return 'en'
}

/**
 * French counts 0 and 1 as singular ("0 réponse", "1 réponse", "2 réponses"); English only 1. Messages give two
 * forms ("one | many") or three ("none | one | many").
 */
export function pluralForm(locale: 'en' | 'fr', count: number, forms: number): number {
  const n = Math.abs(count)
  if (forms === 3) return n === 0 ? 0 : n === 1 ? 1 : 2
  if (forms === 2) return (locale === 'fr' ? n < 2 : n === 1) ? 0 : 1
  return 0
}

const DATE_TIMES = {
  long: { year: 'numeric', month: 'long', day: 'numeric' },
  dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  dateTimeSeconds: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit',
    second: '2-digit', timeZoneName: 'short' },
} as const

export function createAppI18n(language: Language = initialLanguage()) {
  setApiLanguage(language)
  document.documentElement.lang = language
  return createI18n({
    legacy: false,
    locale: language,
    fallbackLocale: 'en',
    messages: { en, fr },
    datetimeFormats: { en: DATE_TIMES, fr: DATE_TIMES },
    pluralRules: {
      en: (choice: number, forms: number) => pluralForm('en', choice, forms),
      fr: (choice: number, forms: number) => pluralForm('fr', choice, forms),
    },
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

export function applyLanguage(locale: { value: string }, language: Language): void {
  locale.value = language
  localStorage.setItem(STORAGE_KEY, language)
  setApiLanguage(language)
  document.documentElement.lang = language
}

/** Turns a server message code ("validation.email.taken") into a locale-file key ("validation.email_taken"). */
export function messageKey(code: string): string {
  const [head, ...rest] = code.split('.')
  return rest.length ? `${head}.${rest.join('_')}` : head
}

/** vue-i18n's t as describeError calls it: a key, and for plurals its named values and count. */
type Translate = (key: string, named?: Record<string, unknown>, plural?: number) => string

/** Words an error for the reader: our own translation of its code when we have one, else the server's. */
/**
 * The fields a problem names, each with its message in the reader's language (the server's wording when the locale
 * files have none); null when the problem names no field, so the caller shows {@link describeError} instead.
 */
export function fieldErrorsOf(t: Translate, te: (key: string) => boolean, error: unknown): Record<string, string> | null {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return null
  const errors: Record<string, string> = {}
  for (const f of error.fieldErrors) errors[f.field] = te(messageKey(f.code)) ? t(messageKey(f.code)) : f.message
  return errors
}

export function describeError(t: Translate, te: (key: string) => boolean, error: unknown): string {
  if (error instanceof ApiError && error.status === 429 && error.retryAfter !== null) {
    // Exactly when: "you can try again in 34 seconds", from the server's Retry-After.
    const seconds = error.retryAfter
    return seconds < 90 ? t('problem.retryInSeconds', { n: seconds }, seconds)
      : t('problem.retryInMinutes', { n: Math.ceil(seconds / 60) }, Math.ceil(seconds / 60))
  }
  if (error instanceof ApiError) {
    const key = messageKey(error.code)
    return error.code && te(key) ? t(key) : error.message
  }
  if (error instanceof NetworkError) {
    return t('errors.network')
  }
  return t('errors.generic')
}
