import {
  AccompanimentList,
  AccompanimentListQuery,
  AccompanimentView,
  AssignBody,
  BreakGlassBody,
  CreateAccompaniment,
  Timeline,
} from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { accessOf, findVisibleAccompaniment, workersOf } from './accompaniments.queries'
import { assign, breakGlass, createAccompaniment } from './accompaniments.commands'
import { presentSummary } from './accompaniments.presenter'
import { loadAccompaniment } from './accompaniments.view'
import { personNames } from './person-names'
import { visibleIn } from './accompaniments.visibility'
import { readTimeline } from './timeline.queries'

export const accompanimentRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments',
    summary: 'Open an accompaniment for a person, handed to a team',
    tags: ['accompaniments'],
    body: CreateAccompaniment,
    response: AccompanimentView.or(IdParams),
    status: 201,
    allow: 'accompaniment.create',
    async handler({ body, ctx }) {
      return ctx.write('accompaniment.created', async (trx, audit) => {
        const id = await createAccompaniment(ctx, trx, body)
        audit.subject('accompaniment', id).person(body.personId)
        // Intake opens cases but does not read them: it gets the id, not the content.
        if (!ctx.user.roles.some((r) => r === 'worker' || r === 'lead')) return { id }
        return loadAccompaniment(ctx, trx, id).catch(() => ({ id }))
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments',
    summary: 'My caseload: the accompaniments I may see, most recently changed first',
    tags: ['accompaniments'],
    query: AccompanimentListQuery,
    response: AccompanimentList,
    allow: 'accompaniment.read',
    async handler({ query, ctx }) {
      return ctx.read('accompaniment.listed', async (trx, audit) => {
        let q = trx.selectFrom('accompaniments').where(visibleIn(ctx.user))
        if (query.status) q = q.where('accompaniments.status', '=', query.status)
        const [rows, total] = await Promise.all([
          q
            .select([
              'accompaniments.id',
              'accompaniments.code',
              'accompaniments.kind',
              'accompaniments.status',
              'accompaniments.framework',
              'accompaniments.team_id',
              'accompaniments.person_id',
              'accompaniments.updated_at',
              'accompaniments.concerned_person_id',
              'accompaniments.concerned_status',
              'accompaniments.relationship',
              'accompaniments.measure',
              'accompaniments.authority_kind',
              'accompaniments.mandate_start',
              'accompaniments.mandate_end',
              'accompaniments.closure_outcome',
              'accompaniments.created_at',
              'accompaniments.version',
            ])
            .orderBy('accompaniments.updated_at', 'desc')
            .limit(query.limit)
            .offset(query.offset)
            .execute(),
          q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ])
        const ids = rows.map((r) => r.id)
        const [names, workers, access] = await Promise.all([
          personNames(
            ctx,
            trx,
            rows.map((r) => r.person_id),
          ),
          workersOf(trx, ids),
          accessOf(trx, ctx.user, rows),
        ])
        audit.detail({ shown: ids })
        return {
          total: Number(total.n),
          items: rows.map((r) =>
            presentSummary(
              r,
              names.get(r.person_id) ?? '',
              workers.find((w) => w.accompaniment_id === r.id && w.role === 'primary')?.user_id ?? null,
              access.get(r.id) ?? 'emergency',
            ),
          ),
        }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id',
    summary: 'One accompaniment (404 unless assigned, team lead or break-the-glass)',
    tags: ['accompaniments'],
    params: IdParams,
    response: AccompanimentView,
    allow: 'accompaniment.read',
    async handler({ params, ctx, reply }) {
      return ctx.read('accompaniment.viewed', async (trx, audit) => {
        audit.subject('accompaniment', params.id)
        const view = await loadAccompaniment(ctx, trx, params.id)
        audit.person(view.personId)
        reply.header('ETag', `"${view.version}"`)
        return view
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/assign',
    summary: 'Team lead: give the case a primary worker and co-workers',
    tags: ['accompaniments'],
    params: IdParams,
    body: AssignBody,
    response: AccompanimentView,
    allow: 'accompaniment.assign',
    async handler({ params, body, ctx }) {
      return ctx.write('accompaniment.assigned', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit
          .subject('accompaniment', params.id)
          .person(acc.person_id)
          .detail({ primaryWorkerId: body.primaryWorkerId, coWorkerIds: body.coWorkerIds })
        await assign(ctx, trx, acc, body.primaryWorkerId, body.coWorkerIds)
        return loadAccompaniment(ctx, trx, params.id)
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/break-glass',
    summary: 'Open a case outside my own, stating why: a time-limited grant shown to the lead and the DPO',
    tags: ['accompaniments'],
    params: IdParams,
    body: BreakGlassBody,
    response: AccompanimentView,
    allow: 'accompaniment.break_glass',
    async handler({ params, body, ctx }) {
      return ctx.write('accompaniment.break_glass', async (trx, audit) => {
        const grant = await breakGlass(ctx, trx, params.id, body.reason)
        audit.subject('accompaniment', params.id).person(grant.personId).detail({ grantId: grant.id, expiresAt: grant.expiresAt })
        return loadAccompaniment(ctx, trx, params.id)
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/timeline',
    summary: 'Everything that happened to the case, newest first',
    tags: ['accompaniments'],
    params: IdParams,
    response: Timeline,
    allow: 'accompaniment.read',
    async handler({ params, ctx }) {
      return ctx.read('accompaniment.timeline_viewed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', params.id).person(acc.person_id)
        return { items: await readTimeline(ctx, trx, acc) }
      })
    },
  }),
]
