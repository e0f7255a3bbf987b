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

export interface Webhook {
  id: number
  url: string
  description: string
  eventTypes: string[]
  includePrivate: boolean
  allowPrivateNetwork: boolean
  enabled: boolean
  disabledReason: string | null
  consecutiveFailures: number
  createdAt: string
  lastStatus: DeliveryStatus | null
  lastAttemptAt: string | null
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'GAVE_UP'

export interface WebhookDelivery {
  id: number
  deliveryId: string
  eventType: string
  status: DeliveryStatus
  attempts: number
  responseCode: number | null
  responseExcerpt: string | null
  error: string | null
  createdAt: string
  lastAttemptAt: string | null
  deliveredAt: string | null
  payload: string
}

export interface SaveWebhook {
  url: string
  description: string
  eventTypes: string[]
  includePrivate: boolean
  allowPrivateNetwork: boolean
  enabled?: boolean
}

export const webhooksApi = {
  eventTypes: () => api.get<string[]>('/api/v1/admin/webhooks/event-types'),
  list: () => api.get<Webhook[]>('/api/v1/admin/webhooks'),
  create: (body: SaveWebhook) => api.post<{ webhook: Webhook; secret: string }>('/api/v1/admin/webhooks', body),
  update: (id: number, body: SaveWebhook) => api.put<Webhook>(`/api/v1/admin/webhooks/${id}`, body),
  remove: (id: number) => api.delete<void>(`/api/v1/admin/webhooks/${id}`),
  rotateSecret: (id: number) => api.post<{ webhook: Webhook; secret: string }>(`/api/v1/admin/webhooks/${id}/secret`),
  test: (id: number) => api.post<WebhookDelivery>(`/api/v1/admin/webhooks/${id}/test`),
  deliveries: (id: number, before?: number) =>
    api.get<WebhookDelivery[]>(`/api/v1/admin/webhooks/${id}/deliveries${before ? `?before=${before}` : ''}`),
  redeliver: (id: number, delivery: number) =>
    api.post<void>(`/api/v1/admin/webhooks/${id}/deliveries/${delivery}/redeliver`),
}
