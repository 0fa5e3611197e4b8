import {
  ContactRequestDecision,
  ContactRequestList,
  ContactRequestQuery,
  type ContactRequestSummary,
  ContactRequestSummary as SummarySchema,
  ContactRequestTaken,
  ContactRequestView,
} from '../../../common/contracts/contact-requests.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { fromJson } from '../../db/json'
import type { Row, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { decideRequest, takeRequest } from './contact-requests.commands'

const COLUMNS = [
  'id',
  'version',
  'received_at',
  'caller_kind',
  'sector',
  'anonymous',
  'reach_by',
  'preferred_times',
  'language',
  'state',
  'decided_at',
  'decided_by',
  'contact_id',
] as const
type SummaryRow = Pick<Row<'contact_requests'>, (typeof COLUMNS)[number]> & { has_message: number | boolean }

function summary(r: SummaryRow): ContactRequestSummary {
  return {
    id: r.id,
    version: r.version,
    receivedAt: r.received_at,
    callerKind: r.caller_kind,
    sector: r.sector,
    anonymous: r.anonymous === 1,
    reachBy: r.reach_by,
    preferredTimes: fromJson(r.preferred_times),
    language: r.language,
    hasMessage: Boolean(Number(r.has_message)),
    state: r.state,
    decidedAt: r.decided_at,
    contactId: r.contact_id,
  }
}

const selectSummaries = (trx: Trx) =>
  trx
    .selectFrom('contact_requests')
    .select(COLUMNS)
    .select((eb) => eb.case().when('message_sealed', 'is not', null).then(1).else(0).end().as('has_message'))

/**
 * The public form's inbox, for intake and leads. The list sorts and plans call-backs without
 * opening anyone's identity (kind, sector, anonymous or not, how and when to reach them); a
 * request's identity and message open one at a time, each read audited under the request's id.
 * Turning a request into a web-form contact is the contacts module's (the lead wires it).
 */
export const contactRequestRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/contact-requests',
    summary: 'The public form’s inbox: open requests oldest first (or those handled or dismissed, newest first), without identities',
    tags: ['contact-requests'],
    query: ContactRequestQuery,
    response: ContactRequestList,
    allow: 'contact_request.read',
    async handler({ query, ctx }) {
      return ctx.read('contact_request.listed', async (trx, audit) => {
        audit.detail({ state: query.state })
        const open = query.state === 'open'
        const rows = await selectSummaries(trx)
          .where('state', '=', query.state)
          .orderBy(open ? 'received_at' : 'decided_at', open ? 'asc' : 'desc')
          .orderBy('id')
          .limit(query.limit)
          .offset(query.offset)
          .execute()
        const total = await trx
          .selectFrom('contact_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('state', '=', query.state)
          .executeTakeFirstOrThrow()
        return { items: rows.map(summary), total: Number(total.n) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/contact-requests/:id',
    summary: 'One public request, opened: identity and message (audited)',
    tags: ['contact-requests'],
    params: IdParams,
    response: ContactRequestView,
    allow: 'contact_request.read',
    async handler({ params, ctx, reply }) {
      return ctx.read('contact_request.viewed', async (trx, audit) => {
        const row = await selectSummaries(trx)
          .select(['name_sealed', 'phone_sealed', 'email_sealed', 'message_sealed'])
          .where('id', '=', params.id)
          .executeTakeFirst()
        if (!row) throw fail('resource.not_found')
        audit.subject('contact_request', row.id)
        const key = await ctx.codec.personKey(trx, row.id)
        const opened = ctx.codec.openRow('contact_requests', key, row.id, row)
        const decider = row.decided_by
          ? await trx.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.decided_by).executeTakeFirst()
          : undefined
        sendVersion(reply, row.version)
        return {
          ...summary(row),
          ...opened,
          decidedBy: decider ? { id: decider.id, displayName: decider.display_name } : null,
        }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contact-requests/:id/decision',
    summary: 'Mark a public request handled or dismissed (If-Match)',
    tags: ['contact-requests'],
    params: IdParams,
    body: ContactRequestDecision,
    response: SummarySchema,
    allow: 'contact_request.handle',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('contact_request.decided', async (trx, audit) => {
        audit.subject('contact_request', params.id).detail({ state: body.state })
        await decideRequest(ctx, trx, params.id, version, body.state)
        const row = await selectSummaries(trx).where('id', '=', params.id).executeTakeFirstOrThrow()
        sendVersion(reply, row.version)
        return summary(row)
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contact-requests/:id/take',
    summary: 'Take a public request into the contact point: a web-form contact in the queue; the request is marked handled (If-Match)',
    tags: ['contact-requests'],
    params: IdParams,
    response: ContactRequestTaken,
    status: 201,
    allow: 'contact_request.handle',
    async handler({ params, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('contact_request.taken', async (trx, audit) => {
        audit.subject('contact_request', params.id)
        const contactId = await takeRequest(ctx, trx, params.id, version)
        audit.detail({ contactId })
        const row = await selectSummaries(trx).where('id', '=', params.id).executeTakeFirstOrThrow()
        sendVersion(reply, row.version)
        return { contactId, request: summary(row) }
      })
    },
  }),
]
