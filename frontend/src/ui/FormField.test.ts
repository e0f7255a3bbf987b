import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import FormField from './FormField.vue'

describe('FormField', () => {
  it('labels its input, describes it with its error, and never asks the browser to validate', () => {
    const wrapper = mount(FormField, {
      props: { id: 'title', label: 'Title', modelValue: '', error: 'Write a title.', hint: 'Three words', required: true },
    })
    const input = wrapper.find('input')
    expect(wrapper.find('label').attributes('for')).toBe('title')
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(input.attributes('aria-required')).toBe('true')
    expect(input.attributes('required')).toBeUndefined()
    expect(input.attributes('aria-describedby')).toBe('title-hint title-error')
    expect(wrapper.find('[role=alert]').text()).toBe('Write a title.')
  })

  it('clears its error as soon as the field changes, and tells the form', async () => {
    const wrapper = mount(FormField, {
      props: { id: 'title', label: 'Title', modelValue: '', error: 'Write a title.',
        'onUpdate:modelValue': (v: unknown) => wrapper.setProps({ modelValue: v as string }) },
    })
    await wrapper.find('input').setValue('Hello')
    expect(wrapper.find('[role=alert]').exists()).toBe(false)
    expect(wrapper.find('input').attributes('aria-invalid')).toBe('false')
    expect(wrapper.emitted('fixed')).toHaveLength(1)
    await wrapper.setProps({ error: 'Too short.' })
    expect(wrapper.find('[role=alert]').text()).toBe('Too short.')
  })

  it('puts a checkbox or a radio button beside its label', async () => {
    const box = mount(FormField, {
      props: { id: 'notify', label: 'Tell the author', type: 'checkbox', modelValue: false,
        'onUpdate:modelValue': (v: unknown) => box.setProps({ modelValue: v as boolean }) },
    })
    const label = box.find('label.choice')
    expect(label.find('input[type=checkbox]').exists()).toBe(true)
    expect(label.text()).toBe('Tell the author')
    await box.find('input').setValue(true)
    expect(box.props('modelValue')).toBe(true)

    const radio = mount(FormField, { props: { id: 'k-warn', label: 'Warn', type: 'radio', value: 'WARN', modelValue: 'SILENCE' } })
    expect((radio.find("input[type=radio]").element as HTMLInputElement).checked).toBe(false)
    await radio.find('input').setValue(true)
    expect(radio.emitted('update:modelValue')?.[0]).toEqual(['WARN'])
  })
})
