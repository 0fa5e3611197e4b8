import { LiftInput, RestrictInput, RestrictionLookup, RestrictionView } from '../../../common/contracts/restrictions.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { lift, personForRestriction, type RestrictablePerson, restrict, restrictionsOf } from '../../security/restriction'
import { checkRequest } from './restrictions.requests'

/** The DPO's view: the person's code and version, and every restriction with its reasons opened. */
async function viewOf(ctx: RequestContext, trx: Trx, person: RestrictablePerson): Promise<RestrictionView> {
  const rows = await restrictionsOf(trx, person.id)
  const key = rows.length ? await ctx.codec.personKey(trx, person.id) : null
  return {
    personId: person.id,
    code: person.code,
    restricted: person.restricted,
    version: person.version,
    history: rows.map((r) => {
      const plain = ctx.codec.openRow('restrictions', key!, r.id, r)
      return {
        id: r.id,
        accompanimentId: r.accompaniment_id,
        requestId: r.request_id,
        reason: plain.reason,
        restrictedAt: r.restricted_at,
        liftReason: plain.lift_reason,
        liftedAt: r.lifted_at,
      }
    }),
  }
}

export const restrictionRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/restrictions/lookup',
    summary: "The DPO finds a person by their code (never by name) to restrict or lift: the person's restriction record",
    tags: ['restrictions'],
    body: RestrictionLookup,
    response: RestrictionView,
    allow: 'person.restrict',
    async handler({ body, ctx, reply }) {
      return ctx.read('person.restriction_viewed', async (trx, audit) => {
        const person = await personForRestriction(trx, { code: body.code.toUpperCase() })
        audit.subject('person', person.id).shows([person.id])
        const view = await viewOf(ctx, trx, person)
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/persons/:id/restriction',
    summary: "The person's restriction of processing (art. 18): in force or not, and every restriction with its reasons (DPO)",
    tags: ['restrictions'],
    params: IdParams,
    response: RestrictionView,
    allow: 'person.restrict',
    async handler({ params, ctx, reply }) {
      return ctx.read('person.restriction_viewed', async (trx, audit) => {
        audit.subject('person', params.id).shows([params.id])
        const view = await viewOf(ctx, trx, await personForRestriction(trx, { id: params.id }))
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/persons/:id/restriction',
    summary:
      'Restrict the processing of a person (and all their cases, or one case of theirs): stored, read by the DPO and the lead of each case only, listed and changed nowhere (If-Match on the person)',
    tags: ['restrictions'],
    params: IdParams,
    body: RestrictInput,
    response: RestrictionView,
    status: 201,
    allow: 'person.restrict',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('person.restricted', async (trx, audit) => {
        audit.subject('person', params.id).shows([params.id])
        const person = await personForRestriction(trx, { id: params.id })
        const requestId = body.requestId ? await checkRequest(trx, body.requestId, person.id) : null
        const key = await ctx.codec.personKey(trx, person.id)
        const id = await restrict(trx, ctx.user, person, version, {
          caseId: body.accompanimentId ?? null,
          requestId,
          now: ctx.now(),
          seal: (rowId) => ctx.codec.sealRow('restrictions', key, rowId, { reason: body.reason }).reason_sealed,
        })
        audit.detail({ restriction: id, scope: body.accompanimentId ? 'case' : 'person', request: requestId })
        const view = await viewOf(ctx, trx, await personForRestriction(trx, { id: params.id }))
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/persons/:id/restriction/lift',
    summary: "Lift the restrictions in force on a person's processing, with a reason (If-Match on the person)",
    tags: ['restrictions'],
    params: IdParams,
    body: LiftInput,
    response: RestrictionView,
    allow: 'person.restrict',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('person.restriction_lifted', async (trx, audit) => {
        audit.subject('person', params.id).shows([params.id])
        const person = await personForRestriction(trx, { id: params.id })
        const key = await ctx.codec.personKey(trx, person.id)
        const lifted = await lift(trx, ctx.user, person, version, {
          now: ctx.now(),
          seal: (rowId) => ctx.codec.sealRow('restrictions', key, rowId, { lift_reason: body.reason }).lift_reason_sealed!,
        })
        audit.detail({ lifted })
        const view = await viewOf(ctx, trx, await personForRestriction(trx, { id: params.id }))
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
]
