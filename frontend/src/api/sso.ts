// Sign-in with the brand's accounts (OpenID Connect): the buttons the sign-in page shows, and the console's providers.
import { api } from './http'

export interface SignInProviders {
  providers: { slug: string; name: string }[]
  ssoOnly: boolean
}

export interface Provider {
  id: number
  slug: string
  name: string
  discoveryUrl: string
  issuer: string
  clientId: string
  scopes: string
  groupClaim: string | null
  syncedGroups: string[]
  enabled: boolean
  members: number
  updatedAt: string
}

export interface SaveProvider {
  slug: string
  name: string
  discoveryUrl: string
  clientId: string
  clientSecret: string | null
  scopes: string | null
  groupClaim: string | null
  syncedGroups: string[]
  enabled: boolean
}

export const ssoApi = {
  forSignIn: () => api.get<SignInProviders>('/api/v1/auth/providers'),
  /** Where a provider's button leads: the provider, then back to {@code returnTo}. */
  startUrl: (slug: string, returnTo: string) =>
    `/auth/oidc/${encodeURIComponent(slug)}/start?return=${encodeURIComponent(returnTo)}`,
  providers: () => api.get<Provider[]>('/api/v1/admin/sso/providers'),
  create: (body: SaveProvider) => api.post<Provider>('/api/v1/admin/sso/providers', body),
  update: (id: number, body: SaveProvider) => api.put<Provider>(`/api/v1/admin/sso/providers/${id}`, body),
  remove: (id: number) => api.delete<void>(`/api/v1/admin/sso/providers/${id}`),
  setSsoOnly: (ssoOnly: boolean) => api.put<SignInProviders>('/api/v1/admin/sso/settings', { ssoOnly }),
}
