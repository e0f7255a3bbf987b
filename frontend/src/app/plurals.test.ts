import { describe, expect, it } from 'vitest'
import { createAppI18n, pluralForm } from './i18n'

describe('plural forms', () => {
  it('count 0 and 1 as singular in French, only 1 in English', () => {
    expect([0, 1, 2].map((n) => pluralForm('fr', n, 2))).toEqual([0, 0, 1])
    expect([0, 1, 2].map((n) => pluralForm('en', n, 2))).toEqual([1, 0, 1])
    expect([0, 1, 5].map((n) => pluralForm('en', n, 3))).toEqual([0, 1, 2])
  })

  it('write the console\'s counts without "(s)", in both languages', () => {
    const en = createAppI18n('en').global
    const fr = createAppI18n('fr').global
    expect(en.t('console.selected', { count: 1 }, 1)).toBe('1 item selected')
    expect(en.t('console.selected', { count: 3 }, 3)).toBe('3 items selected')
    expect(fr.t('console.selected', { count: 0 }, 0)).toBe('0 élément sélectionné')
    expect(fr.t('console.selected', { count: 2 }, 2)).toBe('2 éléments sélectionnés')
    expect(en.t('console.waitingCount', { count: 0 }, 0)).toBe('Nothing waits for review')
    expect(fr.t('console.waitingCount', { count: 4 }, 4)).toBe('4 éléments attendent une modération')
    expect(en.t('console.pastSanctions', { count: 1 }, 1)).toBe('1 past sanction')
    expect(fr.t('moderation.splitChosen', { count: 1 }, 1)).toBe('1 message choisi.')
    expect(en.t('threadNote.MERGE_IN', { actor: 'Ana', count: 2, thread: '“Printers”' }, 2))
      .toBe('Ana merged 2 posts from “Printers” into this thread')
    expect(fr.t('common.quoted', { text: 'Insultes' })).toBe('« Insultes »')
    expect(en.t('common.quoted', { text: 'Insults' })).toBe('“Insults”')
  })

  it('leave no "(s)" in either language file', async () => {
    const files = [await import('@/i18n/en.json'), await import('@/i18n/fr.json')]
    const texts: string[] = []
    const walk = (o: unknown) => {
      if (typeof o === 'string') texts.push(o)
      else if (o && typeof o === 'object') Object.values(o).forEach(walk)
    }
    files.forEach((f) => walk(f.default))
    expect(texts.filter((s) => /\(s\)|\(e\)s?\)|\(x\)/.test(s))).toEqual([])
  })
})
