import { api } from './http'

export interface ActiveTheme {
  id: string
  label: string
  brandName: string
  logoUrl: string
  cssUrl: string
  description: string
  languages: ('en' | 'fr')[]
  faviconUrl: string | null
}

export const themeApi = {
  active: () => api.get<ActiveTheme>('/api/v1/theme'),
}

/** Points the page's stylesheet at the theme's current version (a change in the console shows without waiting). */
export function applyStylesheet(theme: ActiveTheme, doc: Document = document): void {
  const link = doc.querySelector<HTMLLinkElement>('link[rel=stylesheet][href^="/theme/theme.css"]')
  if (link && link.getAttribute('href') !== theme.cssUrl) link.setAttribute('href', theme.cssUrl)
  if (theme.faviconUrl) {
    let icon = doc.querySelector<HTMLLinkElement>('link[rel=icon]')
    if (!icon) {
      icon = doc.createElement('link')
      icon.rel = 'icon'
      doc.head.appendChild(icon)
    }
    icon.href = theme.faviconUrl
  }
}

export interface Pack {
  id: string
  labels: Record<string, string>
  mode: 'light' | 'dark'
}

export interface ContrastCheck {
  pair: 'text' | 'muted' | 'link' | 'button' | 'header'
  foreground: string
  background: string
  ratio: number
  passes: boolean
}

export interface Brand {
  themeId: string | null
  accent: string | null
  accentContrast: string | null
  headerBg: string | null
  headerText: string | null
  font: string | null
  radius: number | null
  version: number
}

export interface ThemeState {
  packs: Pack[]
  active: string
  brand: Brand
  checks: ContrastCheck[]
  customLogo: boolean
  customFavicon: boolean
}

export interface ThemeChange {
  themeId: string
  accent: string
  accentContrast: string
  headerBg: string
  headerText: string
  font: string
  radius: number | null
  confirmLowContrast: boolean
}

const body = (c: ThemeChange) => ({ ...c, accent: c.accent || null, accentContrast: c.accentContrast || null,
  headerBg: c.headerBg || null, headerText: c.headerText || null, font: c.font || null })

export const themeAdminApi = {
  state: () => api.get<ThemeState>('/api/v1/admin/theme'),
  check: (c: ThemeChange) => api.post<ContrastCheck[]>('/api/v1/admin/theme/check', body(c)),
  save: (c: ThemeChange) => api.put<ThemeState>('/api/v1/admin/theme', body(c)),
  removeAsset: (name: 'logo' | 'favicon') => api.delete<void>(`/api/v1/admin/theme/${name}`),
}

/** Uploads the brand's logo or favicon as its own body (PNG, JPEG, WebP or SVG, at most 256 KB). */
export async function uploadAsset(name: 'logo' | 'favicon', file: File): Promise<Response> {
  const token = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))?.split('=')[1] ?? ''
  return fetch(`/api/v1/admin/theme/${name}`, { method: 'PUT', body: file, credentials: 'same-origin',
    headers: { 'Content-Type': file.type, 'X-XSRF-TOKEN': decodeURIComponent(token), Accept: 'application/json' } })
}
