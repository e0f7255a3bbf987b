// API keys (and, in the console, webhooks): the integrations a brand plugs into its forum.
import { api } from './http'

export type ApiKeyScope = 'READ' | 'WRITE' | 'MODERATION' | 'ADMIN'
export const API_KEY_SCOPES: ApiKeyScope[] = ['READ', 'WRITE', 'MODERATION', 'ADMIN']

export interface ApiKey {
  id: number
  name: string
  prefix: string
  kind: 'GLOBAL' | 'PERSONAL'
  scopes: ApiKeyScope[]
  actsAs: string
  createdBy: string
  perMinute: number
  createdAt: string
  revokedAt: string | null
  lastUsedAt: string | null
  lastUsedAddress: string | null
}

/** A key just made: its secret is in {@code token}, shown this once. */
export interface CreatedApiKey {
  key: ApiKey
  token: string
}

export const integrationsApi = {
  myKeys: () => api.get<ApiKey[]>('/api/v1/api-keys'),
  createMyKey: (name: string, scopes: ApiKeyScope[]) => api.post<CreatedApiKey>('/api/v1/api-keys', { name, scopes }),
  revokeMyKey: (id: number) => api.delete<ApiKey>(`/api/v1/api-keys/${id}`),
  allKeys: (kind?: 'GLOBAL' | 'PERSONAL', before?: number) => {
    const query = new URLSearchParams({ limit: '50' })
    if (kind) query.set('kind', kind)
    if (before) query.set('before', String(before))
    return api.get<ApiKey[]>(`/api/v1/admin/api-keys?${query}`)
  },
  createGlobalKey: (body: { name: string; scopes: ApiKeyScope[]; actsAs: string | null; perMinute: number | null }) =>
    api.post<CreatedApiKey>('/api/v1/admin/api-keys', body),
  revokeKey: (id: number) => api.delete<ApiKey>(`/api/v1/admin/api-keys/${id}`),
}
