import { api } from './http'

export interface GuidelinesText {
  language: 'en' | 'fr'
  source: string
  html: string
  updatedAt: string
}

export interface GuidelinesPage {
  texts: GuidelinesText[]
  read: boolean
  readAt: string | null
}

export const guidelinesApi = {
  page: () => api.get<GuidelinesPage>('/api/v1/guidelines'),
  markRead: () => api.post<{ readAt: string }>('/api/v1/guidelines/read', {}),
  save: (language: string, body: string) => api.put<GuidelinesText>(`/api/v1/admin/guidelines/${language}`, { body }),
}

/** The text in the reader's language, else the other one. */
export function textFor(page: GuidelinesPage, language: string): GuidelinesText | undefined {
  return page.texts.find((x) => x.language === language) ?? page.texts[0]
}
