import type { ErrorCode, FieldError } from '../../../common/contracts/problem.contracts'

/** An RFC 9457 problem returned by the API, or a network failure (`status` 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: ErrorCode
  readonly fieldErrors: FieldError[]
  readonly requestId: string | undefined

  constructor(status: number, code: ErrorCode, fieldErrors: FieldError[] = [], requestId?: string, detail?: string) {
    super(detail ?? code)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fieldErrors = fieldErrors
    this.requestId = requestId
  }
}

export function isApiError(e: unknown, code?: ErrorCode): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code)
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  /** The record version the change is based on; sent as `If-Match: "<version>"`. */
  ifMatch?: number
  /** Do not redirect to the login page on 401 (sign-in calls, the session probe). */
  quiet401?: boolean
  signal?: AbortSignal
}

let onUnauthorized: () => void = () => {}

/** Called on a 401 from any call that did not opt out (the session has expired). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

const FALLBACK_CODES: Record<number, ErrorCode> = {
  401: 'auth.required',
  403: 'access.forbidden',
  404: 'resource.not_found',
  412: 'version.mismatch',
  413: 'payload.too_large',
  428: 'version.required',
  429: 'rate.limited',
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {}
  try {
    body = (await res.json()) as Record<string, unknown>
  } catch {
    // Not JSON (a proxy error page…): fall back on the status.
  }
  const code = (typeof body.code === 'string' ? body.code : FALLBACK_CODES[res.status]) ?? 'server.error'
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : []
  const requestId = typeof body.requestId === 'string' ? body.requestId : undefined
  const detail = typeof body.detail === 'string' ? body.detail : undefined
  return new ApiError(res.status, code as ErrorCode, errors, requestId, detail)
}

/** Codes for which a 401 means "wrong input", not "signed out". */
const INPUT_401: readonly string[] = [
  'auth.invalid_credentials',
  'auth.mfa_invalid',
  'auth.password_incorrect',
  'auth.activation_invalid',
  'auth.throttled',
]

/** A raw body (a file) with its own content type and extra headers, instead of JSON. */
interface RawBody {
  raw: Blob
  type: string
  headers: Record<string, string>
}

async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}, raw?: RawBody): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (method !== 'GET') headers['X-Parcours-Request'] = '1'
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (raw) Object.assign(headers, raw.headers, { 'Content-Type': raw.type || 'application/octet-stream' })
  if (opts.ifMatch !== undefined) headers['If-Match'] = `"${opts.ifMatch}"`

  let res: Response
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: raw ? raw.raw : body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, 'server.error')
  }

  if (!res.ok) {
    const error = await toApiError(res)
    if (res.status === 401 && !opts.quiet401 && !INPUT_401.includes(error.code)) onUnauthorized()
    throw error
  }
  if (res.status === 204) return undefined as T
  const type = res.headers.get('Content-Type') ?? ''
  return (type.includes('json') ? await res.json() : undefined) as T
}

/** Build a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v))
  }
  const s = search.toString()
  return s ? `?${s}` : ''
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
  /** Upload a file as the raw request body; its name travels URI-encoded in `X-Filename`. */
  upload: <T>(path: string, file: File, opts?: RequestOptions) =>
    request<T>('POST', path, undefined, opts, {
      raw: file,
      type: file.type,
      headers: { 'X-Filename': encodeURIComponent(file.name) },
    }),
}
