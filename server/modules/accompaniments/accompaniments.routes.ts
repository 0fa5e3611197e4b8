import {
  AccompanimentList,
  AccompanimentListQuery,
  AccompanimentSearchBody,
  AccompanimentView,
  AssignBody,
  BreakGlassBody,
  CreateAccompaniment,
  Timeline,
  TimelineQuery,
} from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { defineRoute } from '../../http/define-route'
import { AppError } from '../../http/errors'
import { accessOf } from '../../security/case-access'
import type { RequestContext, Trx } from '../../http/context'
import type { CasePage } from '../../security/case-access'
import { COMPARED, personNames, searchByName } from '../../security/person-access'
import { recordView } from '../recent/recent.commands'
import { assign, breakGlass, createAccompaniment } from './accompaniments.commands'
import { presentSummary } from './accompaniments.presenter'
import { caseloadPage, workersOf } from './accompaniments.queries'
import { presentCase, reloadCase } from './accompaniments.view'
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
        // Intake opens cases but does not read them: it gets the id, not the content. So does a
        // worker who hands a case to another team.
        if (!ctx.user.roles.some((r) => r === 'worker' || r === 'lead')) return { id }
        return reloadCase(ctx, trx, id).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'resource.not_found') return { id }
          throw error
        })
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
        const list = await caseList(ctx, trx, query)
        // Every row shows its client (by id, and by name when their key still exists).
        audit.shows(list.clients).detail({ shown: list.items.map((i) => i.id) })
        return { total: list.total, items: list.items }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/search',
    summary: "My caseload filtered as the list is, and by the client's name (spelling-tolerant, among persons I may open)",
    tags: ['accompaniments'],
    // POST, so that the client's name never appears in a URL or an access log.
    body: AccompanimentSearchBody,
    response: AccompanimentList,
    allow: 'accompaniment.read',
    async handler({ body, ctx }) {
      return ctx.read('accompaniment.listed', async (trx, audit) => {
        const { name, ...filters } = body
        // Only persons the caller may open: finding one's own clients, never screening the
        // register. The names compared are opened through the recording codec (on the entry).
        const personIds = name
          ? (
              await searchByName(trx, ctx.user, ctx.names.query(name), name, { readableOnly: true, limit: COMPARED, codec: ctx.codec })
            ).matches.map((m) => m.personId)
          : undefined
        const list = await caseList(ctx, trx, { ...filters, personIds })
        // Never the name typed: that a name was searched, and what was shown.
        audit.shows(list.clients).detail({ shown: list.items.map((i) => i.id), byName: name !== undefined })
        return { total: list.total, items: list.items }
      })
    },
  }),
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id',
    summary: 'One accompaniment (404 unless assigned, team lead or break-the-glass)',
    tags: ['accompaniments'],
    params: IdParams,
    response: AccompanimentView,
    allow: 'accompaniment.read',
    access: 'read',
    action: 'accompaniment.viewed',
    async handler({ acc, trx, ctx, reply }) {
      reply.header('ETag', `"${acc.version}"`)
      await recordView(trx, ctx.user.userId, 'case', acc.id, ctx.now())
      return presentCase(ctx, trx, acc)
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/assign',
    summary: 'Team lead: give the case a primary worker and co-workers',
    tags: ['accompaniments'],
    params: IdParams,
    body: AssignBody,
    response: AccompanimentView,
    allow: 'accompaniment.assign',
    access: 'manage',
    action: 'accompaniment.assigned',
    async handler({ acc, trx, audit, body, ctx }) {
      audit.detail({ primaryWorkerId: body.primaryWorkerId, coWorkerIds: body.coWorkerIds })
      await assign(ctx, trx, acc, body.primaryWorkerId, body.coWorkerIds)
      return reloadCase(ctx, trx, acc.id)
    },
  }),
  {
    ...defineRoute({
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
          return reloadCase(ctx, trx, params.id)
        })
      },
    }),
    // Not through the door, which would answer 404: this route is the way to a case one cannot see yet.
    caseAccess: 'outside' as const,
  },
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/timeline',
    summary: 'Everything that happened to the case, newest first',
    tags: ['accompaniments'],
    params: IdParams,
    query: TimelineQuery,
    response: Timeline,
    allow: 'accompaniment.read',
    access: 'read',
    action: 'accompaniment.timeline_viewed',
    async handler({ acc, trx, ctx, query }) {
      return { items: await readTimeline(ctx, trx, acc, query.kinds) }
    },
  }),
]

/** A page of the caller's caseload, as its summaries, and the clients it shows. */
async function caseList(ctx: RequestContext, trx: Trx, page: CasePage) {
  const { rows, total } = await caseloadPage(trx, ctx.user, page)
  const ids = rows.map((r) => r.id)
  const clients = rows.map((r) => r.person_id)
  const [names, workers, access] = await Promise.all([personNames(ctx, trx, clients), workersOf(trx, ids), accessOf(trx, ctx.user, rows)])
  return {
    total,
    clients,
    items: rows.map((r) =>
      presentSummary(
        r,
        names.get(r.person_id) ?? '',
        workers.find((w) => w.accompaniment_id === r.id && w.role === 'primary')?.user_id ?? null,
        access.get(r.id) ?? 'emergency',
      ),
    ),
  }
}
