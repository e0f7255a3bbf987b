import { describe, expect, it } from 'vitest'
import { passwordError, usernameError, emailError, validateSignUp } from './signUpRules'

describe('sign-up rules', () => {
  it('accepts a well-formed sign-up', () => {
    expect(validateSignUp({ username: 'marie_l', email: 'marie@example.fr', password: 'Sous le pont 42' })).toEqual({})
  })

  it('names each broken rule', () => {
    expect(usernameError('')).toBe('validation.required')
    expect(usernameError('ab')).toBe('validation.username')
    expect(usernameError('bad name')).toBe('validation.username')
    expect(emailError('not-an-email')).toBe('validation.email')
    expect(passwordError('short', 'x')).toBe('validation.password_tooShort')
    expect(passwordError('aaaaabbbbbb', 'x')).toBe('validation.password_tooSimple')
    expect(passwordError('azertyuiop', 'x')).toBe('validation.password_common')
    expect(passwordError('my-marie_l-pass', 'marie_l')).toBe('validation.password_containsUsername')
  })
})
