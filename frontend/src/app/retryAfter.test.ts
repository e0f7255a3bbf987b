import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAppI18n, describeError } from '@/app/i18n'
import { api, ApiError } from '@/api/http'

describe('waiting after a rate limit or slow mode', () => {
  afterEach(() => vi.restoreAllMocks())

  it('reads Retry-After and says exactly when, with plurals in both languages', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify({ status: 429,
      code: 'problem.rateLimited', detail: 'Too many attempts.' }),
    { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '34' } }))
    const error = await api.post('/api/v1/threads/1/posts', { body: 'Hi' }).catch((e: ApiError) => e) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.retryAfter).toBe(34)
    const fr = createAppI18n('fr').global
    const en = createAppI18n('en').global
    expect(describeError(fr.t, fr.te, error)).toBe('Patientez : vous pourrez réessayer dans 34 secondes.')
    expect(describeError(en.t, en.te, error)).toBe('Please wait: you can try again in 34 seconds.')
    expect(describeError(fr.t, fr.te, new ApiError({ status: 429 }, 1))).toBe('Patientez : vous pourrez réessayer dans 1 seconde.')
    expect(describeError(en.t, en.te, new ApiError({ status: 429 }, 150))).toBe('Please wait: you can try again in 3 minutes.')
  })
})
