import { ref, watch } from 'vue'

const PREFIX = 'ruche.draft.'

/** Text being written, kept in the browser under {@code key} so a reload or a closed tab loses nothing. */
export function usePostDraft(key: string) {
  const text = ref(localStorage.getItem(PREFIX + key) ?? '')
  watch(text, (value) => {
    if (value) {
      localStorage.setItem(PREFIX + key, value)
    } else {
      localStorage.removeItem(PREFIX + key)
    }
  })
  function clear() {
    text.value = ''
    localStorage.removeItem(PREFIX + key)
  }
  return { text, clear }
}

/** Wraps the selection of a textarea in Markdown, or inserts the placeholder when nothing is selected. */
export function applyMarkdown(value: string, start: number, end: number, action: MarkdownAction, placeholder: string):
  { value: string; selectionStart: number; selectionEnd: number } {
  const selected = value.slice(start, end) || placeholder
  let insert: string
  let innerStart: number
  switch (action) {
    case 'bold': insert = `**${selected}**`; innerStart = 2; break
    case 'italic': insert = `_${selected}_`; innerStart = 1; break
    case 'code': insert = selected.includes('\n') ? `\n\`\`\`\n${selected}\n\`\`\`\n` : `\`${selected}\``
      innerStart = selected.includes('\n') ? 5 : 1; break
    case 'link': insert = `[${selected}](https://)`; innerStart = 1; break
    case 'quote': insert = selected.split('\n').map((l) => `> ${l}`).join('\n'); innerStart = 2; break
    case 'list': insert = selected.split('\n').map((l) => `- ${l}`).join('\n'); innerStart = 2; break
  }
  const before = value.slice(0, start)
  const after = value.slice(end)
  return { value: before + insert + after, selectionStart: start + innerStart,
    selectionEnd: start + innerStart + selected.length }
}

export type MarkdownAction = 'bold' | 'italic' | 'code' | 'link' | 'quote' | 'list'
