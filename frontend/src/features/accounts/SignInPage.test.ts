import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import SignInPage from './SignInPage.vue'
import { createAppI18n } from '@/app/i18n'

const providers = { providers: [{ slug: 'brand', name: 'Compte Brand' }], ssoOnly: true }
vi.mock('@/api/sso', () => ({ ssoApi: { forSignIn: async () => providers,
  startUrl: (slug: string, to: string) => `/auth/oidc/${slug}/start?return=${encodeURIComponent(to)}` } }))

async function mountAt(path: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/sign-in', name: 'sign-in', component: SignInPage },
    { path: '/sign-up', name: 'sign-up', component: { template: '<p />' } },
    { path: '/forgot', name: 'forgot-password', component: { template: '<p />' } },
  ] })
  await router.push(path)
  const wrapper = mount(SignInPage, { global: { plugins: [createAppI18n('fr'), router, createPinia()] } })
  await flushPromises()
  return wrapper
}

describe('SignInPage with identity providers', () => {
  it('offers the brand account first and keeps the password form for staff in SSO-only mode', async () => {
    const wrapper = await mountAt('/sign-in?next=/events')
    const button = wrapper.find('[data-test=sso-brand]')
    expect(button.text()).toBe('Continuer avec Compte Brand')
    expect(button.attributes('href')).toBe('/auth/oidc/brand/start?return=%2Fevents')
    expect(wrapper.find('[data-test=sign-in-form]').exists()).toBe(false)
    await wrapper.find('[data-test=staff-sign-in]').trigger('click')
    expect(wrapper.find('[data-test=sign-in-form]').exists()).toBe(true)
  })

  it('says in words why a sign-in with the provider came back', async () => {
    const wrapper = await mountAt('/sign-in?sso=confirm-by-mail')
    expect(wrapper.find('[data-test=sso-notice]').text()).toContain('Un compte utilise déjà cette adresse')
  })
})
