import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ConfirmDialog from './ConfirmDialog.vue'
import { createAppI18n } from '@/app/i18n'

function mountIn(language: 'en' | 'fr') {
  return mount(ConfirmDialog, {
    props: { title: 'Delete this post?' },
    global: { plugins: [createAppI18n(language)] },
    attachTo: document.body,
  })
}

describe('ConfirmDialog', () => {
  it('is a dialog named by its title, and confirms on the button', async () => {
    const wrapper = mountIn('en')
    const dialog = wrapper.find('dialog')
    const titleId = dialog.attributes('aria-labelledby')
    expect(wrapper.find(`#${titleId}`).text()).toBe('Delete this post?')
    expect(wrapper.find('[data-test=confirm-yes]').text()).toBe('Confirm')
    await wrapper.find('[data-test=confirm-yes]').trigger('click')
    expect(wrapper.emitted('confirm')).toHaveLength(1)
    wrapper.unmount()
  })

  it('cancels on Escape (the dialog cancel event) and on the second button, in French too', async () => {
    const wrapper = mountIn('fr')
    expect(wrapper.find('[data-test=confirm-no]').text()).toBe('Annuler')
    await wrapper.find('dialog').trigger('cancel')
    await wrapper.find('[data-test=confirm-no]').trigger('click')
    expect(wrapper.emitted('cancel')).toHaveLength(2)
    expect(wrapper.emitted('confirm')).toBeUndefined()
    wrapper.unmount()
  })
})
