import { ErasureList, ErasureProposal, ErasureQuery, ErasureRefusal, ErasureView } from '../../../common/contracts/erasures.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { Actor, RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { erasureCodes, erasureSubject, personsOfTeams } from '../../security/person-erasure'
import { recordingDutyRefusals } from '../users/duty-refusals'
import { confirmErasure, ERASURE_COLUMNS, mayDecide, proposeErasure, refuseErasure } from './erasures.commands'

type ErasureRow = {
  [K in (typeof ERASURE_COLUMNS)[number]]: K extends 'status'
    ? ErasureView['status']
    : K extends 'decided_by' | 'decided_at'
      ? string | null
      : K extends 'refusal_reason'
        ? ErasureView['refusalReason']
        : K extends 'version'
          ? number
          : string
}

async function present(trx: Trx, actor: Actor, rows: ErasureRow[]): Promise<ErasureView[]> {
  if (rows.length === 0) return []
  const staff = [...new Set(rows.flatMap((r) => [r.proposed_by, ...(r.decided_by ? [r.decided_by] : [])]))]
  const users = await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', staff).execute()
  const ref = (id: string) => ({ id, displayName: users.find((u) => u.id === id)?.display_name ?? '' })
  const codes = await erasureCodes(
    trx,
    rows.map((r) => r.person_id),
  )
  const out: ErasureView[] = []
  for (const r of rows) {
    const subject = await erasureSubject(trx, r.person_id)
    out.push({
      id: r.id,
      version: r.version,
      status: r.status,
      personId: r.person_id,
      personCode: codes.get(r.person_id)?.code ?? '',
      caseCodes: subject.cases.map((c) => c.code),
      requestId: r.request_id,
      proposedBy: ref(r.proposed_by),
      proposedAt: r.proposed_at,
      decidedBy: r.decided_by ? ref(r.decided_by) : null,
      decidedAt: r.decided_at,
      refusalReason: r.refusal_reason,
      erasedAt: codes.get(r.person_id)?.erasedAt ?? null,
      mayDecide: await mayDecide(trx, actor, r),
    })
  }
  return out
}

async function load(ctx: RequestContext, trx: Trx, id: string): Promise<ErasureView> {
  const row = await trx.selectFrom('erasures').select(ERASURE_COLUMNS).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const [view] = await present(trx, ctx.user, [row])
  if (!view) throw fail('resource.not_found')
  return view
}

/**
 * Erasure by crypto-shredding (issue 13): a DPO proposes under an open erasure request, a second
 * person (the lead of the person's case team, or another DPO) confirms, which erases at once,
 * or refuses. Entries name the person and the erasure by id only.
 */
export const erasureRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/persons/:id/erasure',
    summary: 'DPO: propose to erase a person (crypto-shredding) under an open erasure request about them; a second person confirms',
    tags: ['persons'],
    params: IdParams,
    body: ErasureProposal,
    response: ErasureView,
    status: 201,
    allow: 'erasure.propose',
    async handler({ params, body, ctx, reply }) {
      return ctx.write('erasure.proposed', async (trx, audit) => {
        const id = await proposeErasure(trx, ctx.user, params.id, body.requestId, ctx.now())
        audit.subject('person', params.id).detail({ erasure: id, request: body.requestId })
        const view = await load(ctx, trx, id)
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/erasures',
    summary:
      'Erasures in a state (awaiting confirmation by default) that the caller may see: all for the DPO, those of their teams for a lead',
    tags: ['persons'],
    query: ErasureQuery,
    response: ErasureList,
    allow: 'erasure.decide',
    async handler({ query, ctx }) {
      return ctx.read('erasure.listed', async (trx, audit) => {
        audit.detail({ state: query.state })
        let base = trx.selectFrom('erasures').where('status', '=', query.state)
        if (!ctx.user.roles.includes('dpo')) {
          // A lead sees those about persons with a case in a team they lead.
          const candidates = await trx.selectFrom('erasures').select('person_id').where('status', '=', query.state).execute()
          const mine = await personsOfTeams(trx, ctx.user.teamIds, [...new Set(candidates.map((c) => c.person_id))])
          if (mine.size === 0) return { items: [], total: 0 }
          base = base.where('person_id', 'in', [...mine])
        }
        const [rows, total] = await Promise.all([
          base
            .select(ERASURE_COLUMNS)
            .orderBy('proposed_at', query.state === 'proposed' ? 'asc' : 'desc')
            .orderBy('id')
            .limit(query.limit)
            .offset(query.offset)
            .execute(),
          base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ])
        audit.shows(rows.map((r) => r.person_id))
        return { items: await present(trx, ctx.user, rows), total: Number(total.n) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/erasures/:id/confirm',
    summary: 'Second person: confirm an erasure (If-Match); the person is crypto-shredded at once, on every instance',
    tags: ['persons'],
    params: IdParams,
    response: ErasureView,
    allow: 'erasure.decide',
    async handler({ params, ctx, request, reply }) {
      const version = expectedVersion(request)
      const { view, documents } = await recordingDutyRefusals(
        ctx,
        'POST /api/erasures/:id/confirm',
        { type: 'erasure', id: params.id },
        () =>
          ctx.write('erasure.confirmed', async (trx, audit) => {
            const done = await confirmErasure(ctx, trx, ctx.user, params.id, version, ctx.now())
            audit.subject('person', done.personId).detail({
              erasure: params.id,
              cases: done.outcome.cases.length,
              keys: done.outcome.keys,
              documents: done.outcome.documents.length,
            })
            return { view: await load(ctx, trx, params.id), documents: done.outcome.documents }
          }),
      )
      // Files are not part of the transaction: removed once it committed (again harmlessly if repeated).
      for (const ref of documents) await ctx.services.documents.discard(ref)
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/erasures/:id/refuse',
    summary: 'Second person: refuse an erasure on one of the grounds GDPR allows (If-Match); nothing is erased',
    tags: ['persons'],
    params: IdParams,
    body: ErasureRefusal,
    response: ErasureView,
    allow: 'erasure.decide',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return recordingDutyRefusals(ctx, 'POST /api/erasures/:id/refuse', { type: 'erasure', id: params.id }, () =>
        ctx.write('erasure.refused', async (trx, audit) => {
          const personId = await refuseErasure(trx, ctx.user, params.id, version, body.reason, ctx.now())
          audit.subject('person', personId).detail({ erasure: params.id, reason: body.reason })
          const view = await load(ctx, trx, params.id)
          sendVersion(reply, view.version)
          return view
        }),
      )
    },
  }),
]
