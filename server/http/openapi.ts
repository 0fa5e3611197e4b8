import { z } from 'zod'
import { ERROR_CODES, Problem } from '../../common/contracts/problem.contracts'
import { cookieName } from './authorise'
import type { Route } from './define-route'
import { CATALOGUE } from './errors'
import { OPERATIONS, operationKey } from './operations'
import { patternMaxLength } from './regex-length'

type Json = Record<string, unknown>
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const jsonOr = (value: unknown): Json => (isJson(value) ? value : {})
const listOr = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
type Document = Json & { paths?: Record<string, Record<string, Json>>; components?: Json }

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const ERROR_STATUSES = [400, 401, 403, 404, 409, 412, 413, 428, 429, 500, 503] as const
type ErrorStatus = (typeof ERROR_STATUSES)[number]

const INT32 = 2 ** 31

/** `/api/x/:id` → `/api/x/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

/**
 * The error answers a route can give, derived from what the pipeline does before and around its
 * handler (`authorise`, validation, the case door, versioning), plus what the catalogue says
 * the handler answers by itself.
 */
export function errorStatuses(route: Route): ErrorStatus[] {
  const op = OPERATIONS[operationKey(route.method, route.path)]
  const statuses = new Set<ErrorStatus>([500])
  const hasInput = Boolean(route.params || route.query || route.body) || UNSAFE.has(route.method)
  // Every write is checked for text neither engine stores (params, query, body, X-Filename).
  if (hasInput || op?.ifMatch) statuses.add(400)
  if (route.allow !== 'public') statuses.add(401)
  // CSRF refusals on every write; permissions and half-open sessions on signed-in routes.
  if (route.allow !== 'public' || UNSAFE.has(route.method)) statuses.add(403)
  if (route.path.includes(':')) statuses.add(404)
  if (route.caseAccess === 'change' || route.caseAccess === 'manage' || route.caseAccess === 'outside') statuses.add(409)
  if (op?.ifMatch) for (const s of [409, 412, 428] as const) statuses.add(s)
  if (route.body || route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH') statuses.add(413)
  // The denial limit applies to every route that checks a permission; guessing is throttled.
  if ((route.allow !== 'public' && route.allow !== 'authenticated') || op?.throttled) statuses.add(429)
  for (const s of op?.also ?? []) statuses.add(s)
  return ERROR_STATUSES.filter((s) => statuses.has(s))
}

const RESPONSE_NAMES: Record<ErrorStatus, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  500: 'ServerError',
  503: 'ServiceUnavailable',
}

function errorResponses(): Json {
  const responses: Json = {}
  for (const status of ERROR_STATUSES) {
    const codes = ERROR_CODES.filter((c) => CATALOGUE[c].status === status)
    responses[RESPONSE_NAMES[status]] = {
      description: `RFC 9457 problem. Codes: ${codes.map((c) => `\`${c}\` (${CATALOGUE[c].title})`).join('; ')}.`,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    }
  }
  return responses
}

/**
 * States in the document the bounds the validators already enforce but JSON Schema does not show:
 * the longest string a pattern (an id, a date, a code) can match, and whether an integer's range
 * fits 32 bits. Nothing here loosens or tightens what the API accepts.
 */
export function stateBounds(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) stateBounds(item)
    return
  }
  if (!isJson(node)) return
  const schema = node
  if (schema.type === 'string' && typeof schema.pattern === 'string') {
    const longest = patternMaxLength(schema.pattern)
    const current = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity
    if (Number.isFinite(longest) && longest < current) schema.maxLength = longest
  }
  if (schema.type === 'integer' && schema.format === undefined) {
    const min = typeof schema.minimum === 'number' ? schema.minimum : -Infinity
    const max = typeof schema.maximum === 'number' ? schema.maximum : Infinity
    schema.format = min >= -INT32 && max < INT32 ? 'int32' : 'int64'
  }
  for (const value of Object.values(schema)) stateBounds(value)
}

/**
 * Completes the generated document: an operationId from the catalogue, the session cookie and
 * the CSRF header as security, every error answer as problem+json, If-Match where a write
 * needs it. Runs once, when the document is first asked for.
 */
export function completeDocument<D extends object>(generated: D, routes: readonly Route[], options: { secureCookies: boolean }): D {
  // The generated document, seen as the plain JSON it is.
  const document = generated as Document
  const { $schema: _, ...problem } = z.toJSONSchema(Problem)
  document.info = {
    ...jsonOr(document.info),
    license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
  }
  // Internal: the API of Parcours' own web app, for the service's staff, not a public API.
  document.servers = [
    { url: '/', description: 'The Parcours server (production, or local in development) that serves this document', 'x-internal': true },
  ]
  document.components = {
    ...document.components,
    schemas: { ...jsonOr(document.components?.schemas), Problem: problem },
    responses: errorResponses(),
    parameters: {
      IfMatch: {
        name: 'If-Match',
        in: 'header',
        required: true,
        description: 'The version of the record the change is based on, as an ETag: `"3"`.',
        schema: { type: 'string', pattern: '^(?:W/)?"?\\d{1,9}"?$', maxLength: 13 },
      },
    },
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: cookieName(options.secureCookies),
        description:
          'The session token, set by sign-in as an HttpOnly SameSite=Strict cookie (`__Host-parcours` over HTTPS, `parcours` otherwise).',
      },
      csrf: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Parcours-Request',
        description:
          'Every POST, PUT, PATCH and DELETE carries `X-Parcours-Request: 1` (and, when the browser sends one, an Origin of this server); otherwise 403 `csrf.rejected`.',
      },
    },
  }
  const tags = new Set<string>()
  for (const route of routes) {
    if (route.hide) continue
    const operation = document.paths?.[openApiPath(route.path)]?.[route.method.toLowerCase()]
    if (!operation) continue
    const entry = OPERATIONS[operationKey(route.method, route.path)]
    // A route missing from the catalogue still gets a unique id; operations.test.ts fails on it.
    operation.operationId =
      entry?.id ??
      `${route.method.toLowerCase()}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`
    for (const tag of listOr(operation.tags)) if (typeof tag === 'string') tags.add(tag)
    const unsafe = UNSAFE.has(route.method)
    const schemes = [...(route.allow === 'public' ? [] : ['session']), ...(unsafe ? ['csrf'] : [])]
    operation.security = schemes.length === 0 ? [] : [Object.fromEntries(schemes.map((s) => [s, []]))]
    if (entry?.ifMatch) {
      operation.parameters = [...listOr(operation.parameters), { $ref: '#/components/parameters/IfMatch' }]
    }
    const responses = jsonOr(operation.responses)
    for (const status of errorStatuses(route)) responses[String(status)] = { $ref: `#/components/responses/${RESPONSE_NAMES[status]}` }
    operation.responses = responses
  }
  document.tags = [...tags].sort().map((name) => ({ name, description: `Operations on ${name}` }))
  stateBounds(document.paths)
  stateBounds(document.components)
  return generated
}
