import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { Allow } from '../../common/permissions'
import type { SessionState } from '../security/sessions'
import type { RequestContext } from './context'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
type AnySchema = z.ZodType

export type HandlerArgs<P, Q, B> = {
  params: P
  query: Q
  body: B
  ctx: RequestContext
  request: FastifyRequest
  reply: FastifyReply
}

export type Route = {
  method: Method
  path: string
  summary: string
  tags: string[]
  params?: AnySchema
  query?: AnySchema
  body?: AnySchema
  response?: AnySchema
  status: number
  /** Required: the permission checked before the handler runs. There is no default. */
  allow: Allow
  /** Session states besides `active` in which the route may run (MFA steps). */
  partialSession: SessionState[]
  /** Not part of the JSON API (static files); left out of the OpenAPI document. */
  hide: boolean
  /**
   * How a write proves it comes from our own page. Default: the custom header (ADR 0003).
   * `form-token`: a plain HTML form, which cannot send a header: same-origin `Origin` and
   * `Sec-Fetch-Site` when the browser sends them, and the handler checks the signed form token (ADR 0010).
   */
  csrf?: 'form-token'
  /** The audit entries of this route record no client address (the public form: anonymous requests). */
  withholdAddress?: true
  /** A body limit other than the app's 1 MiB, in bytes (smaller for the public form, larger for an HSDS import). */
  bodyLimit?: number
  /**
   * Set by `defineCaseRoute` (what the route opens the case for), or `outside` for breaking the
   * glass on a case one cannot see yet. Tests generate the case matrix from it.
   */
  caseAccess?: 'read' | 'change' | 'manage' | 'outside'
  handler: (args: HandlerArgs<any, any, any>) => Promise<unknown>
  /** The handler as the module wrote it, when `handler` wraps it (a case route's runs inside the door). */
  written?: (...args: never[]) => unknown
}

/** The only way to add a route: method, path, contracts, policy and handler in one place. */
export function defineRoute<
  P extends AnySchema = z.ZodObject<{}>,
  Q extends AnySchema = z.ZodObject<{}>,
  B extends AnySchema = z.ZodUndefined,
  R extends AnySchema = z.ZodUnknown,
>(def: {
  method: Method
  path: string
  summary: string
  tags?: string[]
  params?: P
  query?: Q
  body?: B
  response?: R
  status?: 200 | 201 | 204
  allow: Allow
  partialSession?: SessionState[]
  hide?: boolean
  csrf?: 'form-token'
  withholdAddress?: true
  bodyLimit?: number
  handler: (args: HandlerArgs<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R>>
}): Route {
  return {
    ...def,
    tags: def.tags ?? [],
    status: def.status ?? 200,
    partialSession: def.partialSession ?? [],
    hide: def.hide ?? false,
  } as Route
}
