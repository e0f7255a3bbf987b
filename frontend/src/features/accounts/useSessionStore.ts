import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { accountsApi, type Language, type RegisterBody, type SelfMember, type VerificationSent } from '@/api/accounts'

/** Who is browsing. Loaded once at start; every view reads it from here. */
export const useSessionStore = defineStore('session', () => {
  const member = ref<SelfMember | null>(null)
  const setupRequired = ref(false)
  const loaded = ref(false)

  const isAdmin = computed(() => member.value?.role === 'ADMIN')
  const isStaff = computed(() => member.value?.role === 'ADMIN' || member.value?.role === 'MODERATOR')
  const isSignedIn = computed(() => member.value !== null)

  async function load(): Promise<void> {
    const state = await accountsApi.session()
    member.value = state.member
    setupRequired.value = state.setupRequired
    loaded.value = true
  }

  async function signIn(login: string, password: string): Promise<SelfMember> {
    member.value = await accountsApi.signIn(login, password)
    return member.value
  }

  /** Signs the new member in, unless the site first sends a link to confirm the address. */
  async function register(body: RegisterBody): Promise<SelfMember | VerificationSent> {
    const answer = await accountsApi.register(body)
    if ('verificationSent' in answer) return answer
    member.value = answer
    return answer
  }

  async function setup(body: RegisterBody): Promise<SelfMember> {
    member.value = await accountsApi.setup(body)
    setupRequired.value = false
    return member.value
  }

  async function signOut(): Promise<void> {
    await accountsApi.signOut()
    member.value = null
  }

  /** Remembers the language on the member's account, so it follows them to other browsers. */
  async function rememberLanguage(language: Language): Promise<void> {
    if (member.value && member.value.locale !== language) {
      await accountsApi.updateProfile(member.value.username, { locale: language })
      member.value = { ...member.value, locale: language }
    }
  }

  return { member, setupRequired, loaded, isAdmin, isStaff, isSignedIn, load, signIn, register, setup, signOut,
    rememberLanguage }
})
