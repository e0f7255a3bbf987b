import { describe, expect, it } from 'vitest'
import { privacyRequested } from './pageViews'

describe('page views', () => {
  it('respect Do Not Track and Global Privacy Control', () => {
    expect(privacyRequested({ doNotTrack: '1' } as Navigator)).toBe(true)
    expect(privacyRequested({ doNotTrack: null, globalPrivacyControl: true } as unknown as Navigator)).toBe(true)
    expect(privacyRequested({ doNotTrack: '0' } as Navigator)).toBe(false)
  })
})
