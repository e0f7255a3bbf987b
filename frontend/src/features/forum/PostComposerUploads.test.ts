import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import PostComposer from './PostComposer.vue'
import { createAppI18n } from '@/app/i18n'
import { ApiError } from '@/api/http'

const upload = vi.fn()
vi.mock('@/api/uploads', () => ({ uploadsApi: { upload: (...args: unknown[]) => upload(...args) } }))

function mountComposer(language: 'en' | 'fr') {
  localStorage.clear()
  vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('{"html":""}',
    { status: 200, headers: { 'Content-Type': 'application/json' } }))
  return mount(PostComposer, { props: { draftKey: 'uploads-test', label: 'Reply', submitLabel: 'Send' },
    global: { plugins: [createAppI18n(language)] } })
}

describe('PostComposer uploads', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    upload.mockReset()
  })

  it('uploads a pasted image with progress and puts its Markdown at the cursor', async () => {
    let report: (p: number) => void = () => undefined
    let finish: (v: unknown) => void = () => undefined
    upload.mockImplementation((_file: File, _lang: string, onProgress: (p: number) => void) => {
      report = onProgress
      return new Promise((resolve) => { finish = resolve })
    })
    const wrapper = mountComposer('en')
    const textarea = wrapper.find('textarea')
    await textarea.setValue('Look:')
    const file = new File(['x'], 'shot.png', { type: 'image/png' })
    const paste = new Event('paste') as ClipboardEvent
    Object.defineProperty(paste, 'clipboardData', { value: { files: [file] } })
    textarea.element.dispatchEvent(paste)
    await flushPromises()
    report(0.5)
    await flushPromises()
    expect(wrapper.find('[data-test=uploads] progress').attributes('aria-label')).toBe('Sending shot.png')
    finish({ markdown: '![shot](/uploads/abc/shot.png)' })
    await flushPromises()
    expect((textarea.element as HTMLTextAreaElement).value).toContain('![shot](/uploads/abc/shot.png)')
    expect(wrapper.find('[data-test=uploads]').exists()).toBe(false)
  })

  it('shows why a file was refused, in French', async () => {
    upload.mockRejectedValue(new ApiError({ status: 422, code: 'problem.validation', detail: 'Ce type de fichier ne peut pas être envoyé.' }))
    const wrapper = mountComposer('fr')
    const input = wrapper.find('[data-test=upload-input]')
    Object.defineProperty(input.element, 'files', { value: [new File(['<svg/>'], 'logo.svg')] })
    await input.trigger('change')
    await flushPromises()
    expect(wrapper.find('[data-test=uploads] [role=alert]').text()).toBe('Ce type de fichier ne peut pas être envoyé.')
  })
})
