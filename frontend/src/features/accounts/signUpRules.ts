// The sign-up rules, mirrored from the server (accounts/PasswordPolicy.java, AccountRequests.java) so the form
// can answer while the person types. The server stays the judge: its answer is shown the same way.

export const USERNAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{2,31}$/
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const COMMON = new Set([
  '1234567890', '12345678910', '0123456789', 'password123', 'password1234', 'motdepasse', 'motdepasse1',
  'azertyuiop', 'qwertyuiop', 'iloveyou123', 'administrator', 'letmein123', 'welcome123', '1q2w3e4r5t',
  'qwerty1234', 'football123', 'sunshine123', 'princess123', 'abcdefghij', '0987654321', 'soleil1234',
  'bonjour123', 'password12', 'passw0rd123', 'changeme123',
])

export interface SignUpFields {
  username: string
  email: string
  password: string
}

/** Message keys (of the locale files) per field; an absent field is valid. */
export type SignUpErrors = Partial<Record<keyof SignUpFields, string>>

export function usernameError(username: string): string | undefined {
  if (!username.trim()) return 'validation.required'
  if (!USERNAME_PATTERN.test(username)) return 'validation.username'
  return undefined
}

export function emailError(email: string): string | undefined {
  if (!email.trim()) return 'validation.required'
  if (!EMAIL_PATTERN.test(email.trim()) || email.length > 254) return 'validation.email'
  return undefined
}

export function passwordError(password: string, username: string): string | undefined {
  if (!password) return 'validation.required'
  if (password.length < 10) return 'validation.password_tooShort'
  if (password.length > 128) return 'validation.password_tooLong'
  if (new Set(password).size < 5) return 'validation.password_tooSimple'
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return 'validation.password_common'
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return 'validation.password_containsUsername'
  return undefined
}

export function validateSignUp(fields: SignUpFields): SignUpErrors {
  const errors: SignUpErrors = {}
  const u = usernameError(fields.username)
  const e = emailError(fields.email)
  const p = passwordError(fields.password, fields.username)
  if (u) errors.username = u
  if (e) errors.email = e
  if (p) errors.password = p
  return errors
}
