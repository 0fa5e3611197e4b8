import type { ErrorCode, FieldError } from '../../../common/contracts/problem.contracts'
import type { paths } from './openapi'

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
  507: 'storage.full',
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

type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete'
/** The API's paths, as the OpenAPI document spells them (`/api/accompaniments/{id}`), that answer this verb. */
export type PathOf<V extends Verb> = { [P in keyof paths]: paths[P] extends { [K in V]: unknown } ? P : never }[keyof paths]
type Op<P extends keyof paths, V extends Verb> = paths[P] extends { [K in V]: infer O } ? O : never
type Params<O> = O extends { parameters: infer X } ? X : never
/** `{ key: T }` when T has a required field, `{ key?: T }` when it has none, nothing when it is absent. */
type Field<K extends string, T> = [T] extends [never] | [undefined]
  ? { [_ in K]?: never }
  : {} extends T
    ? { [_ in K]?: T }
    : { [_ in K]: T }
type PathInit<O> = Field<'path', Params<O> extends { path: infer X } ? X : never>
type QueryInit<O> = Field<'query', Params<O> extends { query?: infer X } ? Exclude<X, undefined> : never>
type BodyInit<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? { body?: B }
    : { body?: never }
/** The version a change is based on: required where the operation takes `If-Match`. */
type IfMatchInit<O> = Params<O> extends { header: { 'If-Match': unknown } } ? { ifMatch: number } : { ifMatch?: never }
type Flatten<T> = { [K in keyof T]: T[K] }
export type Init<P extends keyof paths, V extends Verb> = Flatten<
  PathInit<Op<P, V>> & QueryInit<Op<P, V>> & BodyInit<Op<P, V>> & IfMatchInit<Op<P, V>> & Omit<RequestOptions, 'ifMatch'>
>
/** No second argument needed when nothing in it is required. */
type InitArgs<P extends keyof paths, V extends Verb> = {} extends Init<P, V> ? [init?: Init<P, V>] : [init: Init<P, V>]
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : R extends { content?: never } ? undefined : unknown
type Success<R> = 200 extends keyof R ? Json<R[200]> : 201 extends keyof R ? Json<R[201]> : 204 extends keyof R ? undefined : unknown
/** What a successful call answers, from the operation's 200 (or 201, or 204) response. */
export type ResponseOf<P extends keyof paths, V extends Verb> = Op<P, V> extends { responses: infer R } ? Success<R> : never

interface AnyInit extends RequestOptions {
  path?: Record<string, string | number>
  query?: Record<string, string | number | boolean | undefined | null>
  body?: unknown
}

/** `/api/x/{id}` with `{ id: 'a b' }` → `/api/x/a%20b`, then the query string. */
export function urlOf(template: string, init: AnyInit = {}): string {
  const path = template.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) => {
    const value = init.path?.[name]
    if (value === undefined) throw new Error(`${template}: no value for {${name}}`)
    return encodeURIComponent(String(value))
  })
  const query = Object.fromEntries(Object.entries(init.query ?? {}).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]))
  return path + qs(query)
}

/** `init` is checked against the operation by the typed methods below; here it is only read. */
function call<T>(method: Method, template: string, typed: object | undefined, raw?: RawBody): Promise<T> {
  const init: AnyInit = typed ?? {}
  const { path: _path, query: _query, body, ...opts } = init
  // A POST always carries a JSON body, `{}` when the operation takes none.
  const sent = raw ? undefined : method === 'POST' ? (body ?? {}) : body
  return request<T>(method, urlOf(template, init), sent, opts, raw)
}

/**
 * The API client, typed from the OpenAPI document (`openapi.d.ts`, `npm run api:types`): the path
 * names the operation, and from it come the path and query parameters, the body, whether If-Match
 * is needed, and the type of the answer. `api.get('/api/persons/{id}', { path: { id } })`.
 */
export const api = {
  get: <P extends PathOf<'get'>>(path: P, ...[init]: InitArgs<P, 'get'>) => call<ResponseOf<P, 'get'>>('GET', path, init),
  post: <P extends PathOf<'post'>>(path: P, ...[init]: InitArgs<P, 'post'>) => call<ResponseOf<P, 'post'>>('POST', path, init),
  put: <P extends PathOf<'put'>>(path: P, ...[init]: InitArgs<P, 'put'>) => call<ResponseOf<P, 'put'>>('PUT', path, init),
  patch: <P extends PathOf<'patch'>>(path: P, ...[init]: InitArgs<P, 'patch'>) => call<ResponseOf<P, 'patch'>>('PATCH', path, init),
  delete: <P extends PathOf<'delete'>>(path: P, ...[init]: InitArgs<P, 'delete'>) => call<ResponseOf<P, 'delete'>>('DELETE', path, init),
  /** Upload a file as the raw request body; its name travels URI-encoded in `X-Filename`. */
  upload: <P extends PathOf<'post'>>(path: P, file: File, ...[init]: InitArgs<P, 'post'>) =>
    call<ResponseOf<P, 'post'>>('POST', path, init, {
      raw: file,
      type: file.type,
      headers: { 'X-Filename': encodeURIComponent(file.name) },
    }),
}
