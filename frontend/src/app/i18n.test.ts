import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { createAppI18n, initialLanguage, messageKey } from './i18n'
import LanguageSwitch from '@/ui/LanguageSwitch.vue'

describe('language', () => {
  beforeEach(() => localStorage.clear())

  it('defaults from the browser, then remembers the choice', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-CA', 'en'])
    expect(initialLanguage()).toBe('fr')
    localStorage.setItem('ruche.language', 'en')
    expect(initialLanguage()).toBe('en')
  })

  it('falls back to English for other browser languages', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE'])
    expect(initialLanguage()).toBe('en')
  })

  it('maps server codes to locale keys', () => {
    expect(messageKey('validation.email.taken')).toBe('validation.email_taken')
    expect(messageKey('problem.badCredentials')).toBe('problem.badCredentials')
  })

  it('switches every visible string when the switch is pressed', async () => {
    const Host = defineComponent({
      components: { LanguageSwitch },
      setup() {
        const { t, locale } = useI18n()
        const language = ref<'en' | 'fr'>('en')
        return { t, language, onChange: (v: 'en' | 'fr') => { language.value = v; locale.value = v } }
      },
      template: `<div><LanguageSwitch :model-value="language" @update:model-value="onChange" />
                 <p id="label">{{ t('nav.signIn') }}</p></div>`,
    })
    const wrapper = mount(Host, { global: { plugins: [createAppI18n('en')] } })
    expect(wrapper.find('#label').text()).toBe('Sign in')
    await wrapper.find('[data-language="fr"]').trigger('click')
    expect(wrapper.find('#label').text()).toBe('Se connecter')
    expect(wrapper.find('[data-language="fr"]').attributes('aria-pressed')).toBe('true')
  })
})

describe('locale files', () => {
  /** Every message as vue-i18n would compile it: a stray "@" or brace breaks a whole page at run time. */
  function leaves(tree: Record<string, unknown>, prefix = ''): [string, string][] {
    return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : leaves(value as Record<string, unknown>, `${prefix}${key}.`)))
  }

  it('compiles every message in both languages, and each language has the same keys', async () => {
    const { compile } = await import('@intlify/core-base')
    const en = (await import('@/i18n/en.json')).default as Record<string, unknown>
    const fr = (await import('@/i18n/fr.json')).default as Record<string, unknown>
    const broken: string[] = []
    for (const [language, tree] of [['en', en], ['fr', fr]] as const) {
      for (const [key, message] of leaves(tree)) {
        compile(message, { onError: (e: Error) => broken.push(`${language}:${key}: ${e.message}`) } as never)
      }
    }
    expect(broken).toEqual([])
    expect(leaves(fr).map(([k]) => k).sort()).toEqual(leaves(en).map(([k]) => k).sort())
  })
})
