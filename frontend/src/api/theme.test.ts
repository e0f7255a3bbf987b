import { describe, expect, it } from 'vitest'
import { applyStylesheet, type ActiveTheme } from './theme'

const theme: ActiveTheme = { id: 'default', label: 'Ruche', brandName: 'Ruche', logoUrl: '/theme/assets/logo.svg',
  cssUrl: '/theme/theme.css?v=7', description: '', languages: ['fr', 'en'], faviconUrl: '/theme/brand/favicon?v=7' }

describe('applyStylesheet', () => {
  it('points the page at the theme\'s current stylesheet and favicon', () => {
    document.head.innerHTML = '<link rel="stylesheet" href="/theme/theme.css" />'
    applyStylesheet(theme)
    expect(document.querySelector('link[rel=stylesheet]')!.getAttribute('href')).toBe('/theme/theme.css?v=7')
    expect(document.querySelector<HTMLLinkElement>('link[rel=icon]')!.getAttribute('href')).toBe('/theme/brand/favicon?v=7')
  })
})
