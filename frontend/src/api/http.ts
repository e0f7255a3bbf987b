// One fetch wrapper for the whole app: JSON in and out, the CSRF double-submit header on every write,
// the UI language in Accept-Language, and RFC 9457 problem documents turned into ApiError.

export interface FieldProblem {
  field: string
  code: string
  message: string
}

export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  code?: string
  errors?: FieldProblem[]
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fieldErrors: FieldProblem[]
  /** Seconds until the server accepts the request again (Retry-After of a 429 or 503), when it said. */
  readonly retryAfter: number | null

  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
    this.status = problem.status
    this.code = problem.code ?? ''
    this.fieldErrors = problem.errors ?? []
    this.retryAfter = retryAfter
  }

  /** The first error of a field, if the server named one. */
  field(name: string): FieldProblem | undefined {
    return this.fieldErrors.find((e) => e.field === name)
  }
}

export class NetworkError extends Error {}

let language = 'en'

export function setApiLanguage(lang: string): void {
  language = lang
}

export function readCookie(name: string): string | undefined {
  const prefix = `${name}=`
  return document.cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(prefix))
    ?.substring(prefix.length)
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export async function request<T>(method: Method, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language,
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
  }
  if (method !== 'GET') {
    const token = readCookie('XSRF-TOKEN')
    if (token) {
      headers['X-XSRF-TOKEN'] = decodeURIComponent(token)
    }
  }
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (e) {
    throw new NetworkError(String(e))
  }
  if (response.status === 204) {
    return undefined as T
  }
  const type = response.headers.get('Content-Type') ?? ''
  const data = type.includes('json') ? await response.json() : undefined
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After'))
    throw new ApiError((data as Problem) ?? { status: response.status }, retry > 0 ? retry : null)
  }
  return data as T
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
  deleteWithBody: <T>(url: string, body: unknown) => request<T>('DELETE', url, body),
}
