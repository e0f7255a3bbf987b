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
