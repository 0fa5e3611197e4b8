import {
  DpoPersonLookup,
  DpoPersonLookupResult,
  DpoRequestClosure,
  DpoRequestDecisionInput,
  DpoRequestExtension,
  DpoRequestInput,
  DpoRequestList,
  DpoRequestListQuery,
  DpoRequestParams,
  DpoRequestUpdate,
  DpoRequestView,
} from '../../../common/contracts/dpo-requests.contracts'
import type { z } from 'zod'
import type { AuditAction } from '../../../common/audit-actions'
import { isBroadNameQuery, parsePersonCode, SEARCH_CAP } from '../../../common/person-search'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { idsByCode, personCodes, searchByName } from '../../security/person-access'
import { serviceToday } from '../../time/service-day'
import { closeDpoRequest, decideDpoRequest, extendDpoRequest, recordDpoRequest, updateDpoRequest } from './dpo-requests.commands'
import { addDays } from './dpo-requests.deadline'
import { deadlineWarnings, presentRequests, UNANSWERED } from './dpo-requests.queries'
import { rectificationRoutes } from './rectification.routes'

async function loadView(ctx: RequestContext, trx: Trx, id: string) {
  const row = await trx.selectFrom('dpo_requests').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const [view] = await presentRequests(ctx, trx, [row])
  if (!view) throw fail('resource.not_found')
  return view
}

/**
 * A step of a request's life (extend, decide, close): the version read (If-Match), one audited
 * write naming the request and its person, and the request as it now stands.
 */
function requestStep<B extends z.ZodType>(step: {
  path: string
  summary: string
  body: B
  action: AuditAction
  run: (ctx: RequestContext, trx: Trx, id: string, version: number, body: z.output<B>) => Promise<{ person_id: string | null }>
  detail: (body: z.output<B>) => Record<string, unknown>
}) {
  return defineRoute({
    method: 'POST',
    path: step.path,
    summary: step.summary,
    tags: ['data-protection'],
    params: DpoRequestParams,
    body: step.body,
    response: DpoRequestView,
    allow: 'dpo_request.manage',
    async handler({ ctx, params, body, request, reply }) {
      const version = expectedVersion(request)
      const view = await ctx.write(step.action, async (trx, audit) => {
        const row = await step.run(ctx, trx, params.requestId, version, body)
        audit.subject('dpo_request', params.requestId).detail(step.detail(body))
        if (row.person_id) audit.shows([row.person_id])
        return loadView(ctx, trx, params.requestId)
      })
      sendVersion(reply, view.version)
      return view
    },
  })
}

/** The register of data-subject requests (issue 13): the DPO's alone. */
export const dpoRequestRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/dpo/requests',
    summary:
      'DPO: record a data-subject request (access, rectification, restriction, erasure, objection, portability) with its legal deadline',
    tags: ['data-protection'],
    body: DpoRequestInput,
    response: DpoRequestView,
    status: 201,
    allow: 'dpo_request.manage',
    async handler({ ctx, body, reply }) {
      const view = await ctx.write('dpo_request.recorded', async (trx, audit) => {
        const id = await recordDpoRequest(ctx, trx, body)
        audit.subject('dpo_request', id).detail({ kind: body.kind })
        if (body.personId) audit.shows([body.personId])
        return loadView(ctx, trx, id)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dpo/requests',
    summary:
      'DPO: the register, soonest deadline first (open or closed, by kind, due within N days, overdue), with the counts to warn about',
    tags: ['data-protection'],
    query: DpoRequestListQuery,
    response: DpoRequestList,
    allow: 'dpo_request.manage',
    async handler({ ctx, query }) {
      return ctx.read('dpo_request.listed', async (trx, audit) => {
        const filters = Object.keys(query).filter((k) => k !== 'limit' && k !== 'offset')
        audit.detail({ filters, status: query.status, ...(query.kind ? { kind: query.kind } : {}) })
        const today = serviceToday(ctx.now())
        let base = trx.selectFrom('dpo_requests')
        if (query.status === 'open') base = base.where('status', '!=', 'closed')
        if (query.status === 'closed') base = base.where('status', '=', 'closed')
        if (query.kind) base = base.where('kind', '=', query.kind)
        if (query.dueWithin !== undefined || query.overdue === 'true') {
          base = base.where('status', 'in', [...UNANSWERED])
          const limit = query.overdue === 'true' ? addDays(today, -1) : addDays(today, query.dueWithin ?? 0)
          base = base.where((eb) => eb(eb.fn.coalesce('extended_to', 'due_on'), '<=', limit))
        }
        const [rows, total, warnings] = await Promise.all([
          base
            .selectAll()
            .orderBy((eb) => eb.fn.coalesce('extended_to', 'due_on'))
            .orderBy('code')
            .limit(query.limit)
            .offset(query.offset)
            .execute(),
          base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
          deadlineWarnings(trx, today),
        ])
        // The list shows each subject's code, never their words: the persons are still on the entry.
        const personIds = [...new Set(rows.flatMap((r) => (r.person_id ? [r.person_id] : [])))]
        if (personIds.length) audit.shows(personIds)
        // The list carries no words: its response contract drops them.
        const items = await presentRequests(ctx, trx, rows)
        return { items, total: Number(total.n), warnings }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dpo/requests/:requestId',
    summary: 'DPO: one data-subject request, with its deadline and decision',
    tags: ['data-protection'],
    params: DpoRequestParams,
    response: DpoRequestView,
    allow: 'dpo_request.manage',
    async handler({ ctx, params, reply }) {
      const view = await ctx.read('dpo_request.viewed', async (trx, audit) => {
        audit.subject('dpo_request', params.requestId)
        const v = await loadView(ctx, trx, params.requestId)
        if (v.person) audit.shows([v.person.id])
        return v
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/dpo/requests/:requestId',
    summary: 'DPO: correct who asked, how, the identity check, the person or the words, until decided (If-Match)',
    tags: ['data-protection'],
    params: DpoRequestParams,
    body: DpoRequestUpdate,
    response: DpoRequestView,
    allow: 'dpo_request.manage',
    async handler({ ctx, params, body, request, reply }) {
      const version = expectedVersion(request)
      const view = await ctx.write('dpo_request.updated', async (trx, audit) => {
        const moved = await updateDpoRequest(ctx, trx, params.requestId, version, body)
        audit.subject('dpo_request', params.requestId).detail({ fields: Object.keys(body).sort() })
        const persons = [...new Set([moved.previousPersonId, moved.personId].filter((p): p is string => !!p))]
        if (persons.length) audit.shows(persons)
        return loadView(ctx, trx, params.requestId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  requestStep({
    path: '/api/dpo/requests/:requestId/extension',
    summary: 'DPO: extend the deadline once, by up to two further months, with the reason (If-Match)',
    body: DpoRequestExtension,
    action: 'dpo_request.extended',
    run: extendDpoRequest,
    detail: (body) => ({ extendedTo: body.extendedTo }),
  }),
  requestStep({
    path: '/api/dpo/requests/:requestId/decision',
    summary: 'DPO: grant, partly grant or refuse, with the reasons unless granted in full (If-Match)',
    body: DpoRequestDecisionInput,
    action: 'dpo_request.decided',
    run: decideDpoRequest,
    detail: (body) => ({ decision: body.decision }),
  }),
  requestStep({
    path: '/api/dpo/requests/:requestId/closure',
    summary: 'DPO: close a decided request on the day the answer went out (If-Match)',
    body: DpoRequestClosure,
    action: 'dpo_request.closed',
    run: (ctx, trx, id, version, body) => closeDpoRequest(ctx, trx, id, version, body.closedOn),
    detail: (body) => ({ closedOn: body.closedOn }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/dpo/person-lookup',
    summary:
      'DPO: the subject of a request, by code or by first and last name (spelling-tolerant): codes only, POST so that the name is in no URL',
    tags: ['data-protection'],
    body: DpoPersonLookup,
    response: DpoPersonLookupResult,
    allow: 'dpo_request.manage',
    async handler({ ctx, body }) {
      return ctx.read('dpo_request.person_looked_up', async (trx, audit) => {
        let ids: string[]
        if (body.code) {
          const code = parsePersonCode(body.code)
          ids = code ? await idsByCode(trx, code) : []
          audit.detail({ by: 'code', matched: ids.length })
        } else {
          const name = body.name ?? ''
          // The DPO opens nobody: as for "who read this person", first and last name together,
          // and only the exact spellings when there are some.
          const { matches } = await searchByName(trx, ctx.user, ctx.names.query(name), name, {
            readableOnly: isBroadNameQuery(name),
            limit: SEARCH_CAP,
            codec: ctx.codec,
          })
          const exact = matches.filter((m) => m.exact)
          ids = (exact.length ? exact : matches).map((m) => m.personId)
          audit.detail({ by: 'name', matched: ids.length })
        }
        if (ids.length) audit.shows(ids)
        const codes = await personCodes(trx, ids)
        return { persons: ids.flatMap((id) => (codes.get(id) ? [{ id, code: codes.get(id)! }] : [])) }
      })
    },
  }),
  ...rectificationRoutes,
]
