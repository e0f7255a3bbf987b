import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { applyMarkdown, usePostDraft } from './usePostDraft'

describe('composer helpers', () => {
  beforeEach(() => localStorage.clear())

  it('keeps the draft in the browser until it is cleared', async () => {
    const draft = usePostDraft('reply-7')
    draft.text.value = 'Half-written reply'
    await nextTick()
    expect(localStorage.getItem('ruche.draft.reply-7')).toBe('Half-written reply')
    expect(usePostDraft('reply-7').text.value).toBe('Half-written reply')
    draft.clear()
    expect(localStorage.getItem('ruche.draft.reply-7')).toBeNull()
  })

  it('wraps the selection in Markdown and selects the inner text', () => {
    const result = applyMarkdown('say hello now', 4, 9, 'bold', 'bold text')
    expect(result.value).toBe('say **hello** now')
    expect(result.value.slice(result.selectionStart, result.selectionEnd)).toBe('hello')
  })

  it('inserts a placeholder when nothing is selected, and quotes every line', () => {
    expect(applyMarkdown('', 0, 0, 'link', 'text').value).toBe('[text](https://)')
    expect(applyMarkdown('a\nb', 0, 3, 'quote', '').value).toBe('> a\n> b')
  })
})
