import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import SignUpPage from './SignUpPage.vue'
import { applyLanguage, createAppI18n } from '@/app/i18n'

// The provider buttons ask the server which providers exist; these scenarios are about the password form.
vi.mock('@/api/sso', () => ({ ssoApi: { forSignIn: async () => ({ providers: [], ssoOnly: false }), startUrl: () => '' } }))

function mountPage(language: 'en' | 'fr') {
  const i18n = createAppI18n(language)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: { template: '<p>home</p>' } },
      { path: '/sign-in', name: 'sign-in', component: { template: '<p>in</p>' } },
      { path: '/sign-up', name: 'sign-up', component: SignUpPage },
    ],
  })
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(SignUpPage, { global: { plugins: [i18n, router, pinia] } })
  return { wrapper, i18n, router }
}

/** Fills the form with a valid sign-up and sends it. */
async function submitMarie(wrapper: ReturnType<typeof mountPage>['wrapper']) {
  await wrapper.find('#username').setValue('marie_l')
  await wrapper.find('#email').setValue('marie@example.fr')
  await wrapper.find('#password').setValue('Sous le pont 42')
  await wrapper.find('form').trigger('submit')
}

describe('SignUpPage', () => {
  beforeEach(() => {
    vi.restoreAllMocks()
    localStorage.clear()
  })

  it('shows inline errors in English without calling the server', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const { wrapper } = mountPage('en')
    await wrapper.find('#username').setValue('a')
    await wrapper.find('#email').setValue('nope')
    await wrapper.find('#password').setValue('short')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('#username-error').text()).toBe('Use 3 to 32 letters, digits, dots, dashes or underscores.')
    expect(wrapper.find('#email-error').text()).toBe('Enter a valid e-mail address.')
    expect(wrapper.find('#password-error').text()).toBe('Use at least 10 characters.')
    expect(wrapper.find('#password').attributes('aria-invalid')).toBe('true')
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('shows the same errors in French, and follows a language switch', async () => {
    const { wrapper, i18n } = mountPage('fr')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('h1').text()).toBe('Créer votre compte')
    expect(wrapper.find('#username-error').text()).toBe('Ce champ est obligatoire.')
    applyLanguage(i18n.global.locale, 'en')
    await flushPromises()
    expect(wrapper.find('h1').text()).toBe('Create your account')
    expect(wrapper.find('#username-error').text()).toBe('This field is required.')
    expect(localStorage.getItem('ruche.language')).toBe('en')
  })

  it('shows the server verdict on the field it names', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({
      status: 409, code: 'validation.username.taken', detail: 'This username is already taken.',
      errors: [{ field: 'username', code: 'validation.username.taken', message: 'This username is already taken.' }],
    }), { status: 409, headers: { 'Content-Type': 'application/problem+json' } }))
    const { wrapper } = mountPage('fr')
    await submitMarie(wrapper)
    await flushPromises()
    expect(wrapper.find('#username-error').text()).toBe("Ce nom d'utilisateur est déjà pris.")
    await wrapper.find('#username').setValue('marie_l2')
    expect(wrapper.find('#username-error').exists()).toBe(false)
  })

  it('tells the person to check their mailbox when the site confirms addresses first', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({
      verificationSent: true, email: 'marie@example.fr',
    }), { status: 202, headers: { 'Content-Type': 'application/json' } }))
    const { wrapper } = mountPage('fr')
    await submitMarie(wrapper)
    await flushPromises()
    const sent = wrapper.find('[data-test=sign-up-sent]')
    expect(sent.find('h2').text()).toBe('Consultez votre boîte mail')
    expect(sent.text()).toContain('marie@example.fr')
    expect(wrapper.find('form').exists()).toBe(false)
  })
})
