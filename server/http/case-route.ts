import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { AuditAction } from '../../common/audit-actions'
import type { Permission } from '../../common/permissions'
import { type Need, type OpenedCase, openCase } from '../security/case-access'
import type { AuditDraft, RequestContext, Trx } from './context'
import { defineRoute, type Route } from './define-route'

type AnySchema = z.ZodType
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
/** Every case route lives under the case: its id is the way in, and the door's. */
type CasePath = `/api/accompaniments/:id${string}`

export type CaseHandlerArgs<N extends Need, P, Q, B, X = undefined> = {
  /** The case, opened for what the route needs: visible, and changeable when it must be. */
  acc: OpenedCase<N>
  trx: Trx
  audit: AuditDraft
  params: P
  query: Q
  body: B
  ctx: RequestContext
  request: FastifyRequest
  reply: FastifyReply
  /** What the route's `prepare` step made before the transaction opened. */
  prepared: X
}

/**
 * Work a route does before its transaction opens, so that no transaction (and, on SQLite, no
 * write lock) is held while it runs: an upload streamed and sealed. What `run` returns reaches the
 * handler as `prepared`; `discard` undoes it when the handler or the commit fails.
 */
export type Prepare<P, X> = {
  run: (args: { params: P; ctx: RequestContext; request: FastifyRequest }) => Promise<X>
  discard: (prepared: X, ctx: RequestContext) => Promise<void>
}

/**
 * The one door to a case. Before the handler runs, in the same transaction as its audit entry,
 * the case is opened through the visibility rule (404 when the caller may not see it, 403 when
 * they read it through break-the-glass and the route changes it, 409 when it changes a closed
 * case) and becomes the entry's subject, its client the entry's person (with the person concerned,
 * when the case is a relative's or a professional's). A `read` route runs in
 * the group-committed read path with a `viewed` entry; the others in a write transaction.
 */
export function defineCaseRoute<
  N extends Need,
  P extends z.ZodObject<{ id: z.ZodType<string> }>,
  Q extends AnySchema = z.ZodObject<{}>,
  B extends AnySchema = z.ZodUndefined,
  R extends AnySchema = z.ZodUnknown,
  X = undefined,
>(def: {
  method: Method
  path: CasePath
  summary: string
  tags?: string[]
  params: P
  query?: Q
  body?: B
  response?: R
  status?: 200 | 201 | 204
  allow: Permission
  access: N
  /** What the audit entry records; a function of the request where one route takes several steps (suspend or resume). */
  action: AuditAction | ((request: { params: z.output<P>; body: z.output<B> }) => AuditAction)
  prepare?: Prepare<z.output<P>, X>
  /**
   * Work that must wait until the transaction has committed: stored bytes removed once the row
   * that pointed at them is gone (never before: a failed commit would leave a row without its
   * content). A failure here is logged, not returned: the change itself is done.
   */
  committed?: (args: { params: z.output<P>; ctx: RequestContext; request: FastifyRequest }) => Promise<void>
  handler: (args: CaseHandlerArgs<N, z.output<P>, z.output<Q>, z.output<B>, X>) => Promise<z.input<R>>
}): Route {
  const { access, action, handler, prepare, committed, ...route } = def
  const run = access === 'read' ? 'read' : 'write'
  const built = defineRoute({
    ...route,
    async handler({ params, query, body, ctx, request, reply }) {
      const prepared = prepare ? await prepare.run({ params, ctx, request }) : (undefined as X)
      let result: z.input<R>
      try {
        result = await ctx[run](typeof action === 'function' ? action({ params, body }) : action, async (trx, audit) => {
          const acc = await openCase(trx, ctx.user, params.id, access)
          // A relative's or a professional's case is about the person concerned as well.
          audit.subject('accompaniment', acc.id).person(acc.person_id).shows([acc.concerned_person_id])
          return handler({ acc, trx, audit, params, query, body, ctx, request, reply, prepared })
        })
      } catch (error) {
        if (prepare) await prepare.discard(prepared, ctx)
        throw error
      }
      if (committed)
        await committed({ params, ctx, request }).catch((error: unknown) => request.log.error({ err: error }, 'after-commit step failed'))
      return result
    },
  })
  return { ...built, caseAccess: access, written: handler }
}
