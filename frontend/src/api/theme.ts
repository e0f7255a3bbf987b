import { api } from './http'

export interface ActiveTheme {
  id: string
  label: string
  brandName: string
  logoUrl: string
  cssUrl: string
  description: string
  languages: ('en' | 'fr')[]
}

export const themeApi = {
  active: () => api.get<ActiveTheme>('/api/v1/theme'),
}
