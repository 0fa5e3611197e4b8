import { BreachInput, BreachList, BreachParams, BreachQuery, BreachView } from '../../../common/contracts/registers.contracts'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { loadBreach, presentBreaches, recordBreach, updateBreach } from './breaches'

/** The breach register (art. 33(5)): every breach, its 72-hour clock, what was done and who was told. */
export const breachRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/breaches',
    summary: 'DPO: breaches, open ones (not closed) by discovery, each with its 72-hour clock',
    tags: ['registers'],
    query: BreachQuery,
    response: BreachList,
    allow: 'breach.manage',
    async handler({ ctx, query }) {
      return ctx.read('breach.listed', async (trx, audit) => {
        audit.detail({ state: query.state })
        let base = trx.selectFrom('breaches')
        if (query.state === 'open') base = base.where('status', '<>', 'closed')
        if (query.state === 'closed') base = base.where('status', '=', 'closed')
        const [rows, total] = await Promise.all([
          base
            .selectAll()
            .orderBy('discovered_at', query.state === 'closed' ? 'desc' : 'asc')
            .orderBy('id')
            .limit(query.limit)
            .offset(query.offset)
            .execute(),
          base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ])
        return { items: await presentBreaches(trx, ctx.codec, rows, ctx.now()), total: Number(total.n) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/breaches',
    summary: 'DPO: record a breach; its discovery time starts the 72-hour clock to notify the authority',
    tags: ['registers'],
    body: BreachInput,
    response: BreachView,
    status: 201,
    allow: 'breach.manage',
    async handler({ ctx, body, reply }) {
      const view = await ctx.write('breach.recorded', async (trx, audit) => {
        const id = await recordBreach(trx, ctx.codec, body, ctx.user.userId, ctx.now())
        audit.subject('breach', id).detail({ nature: body.nature, status: body.status })
        return loadBreach(trx, ctx.codec, id, ctx.now())
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/breaches/:breachId',
    summary: 'DPO: one breach with its clock',
    tags: ['registers'],
    params: BreachParams,
    response: BreachView,
    allow: 'breach.manage',
    async handler({ ctx, params, reply }) {
      const view = await ctx.read('breach.viewed', async (trx, audit) => {
        audit.subject('breach', params.breachId)
        return loadBreach(trx, ctx.codec, params.breachId, ctx.now())
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/breaches/:breachId',
    summary: 'DPO: update a breach: numbers, consequences, measures, notifications made, status (If-Match)',
    tags: ['registers'],
    params: BreachParams,
    body: BreachInput,
    response: BreachView,
    allow: 'breach.manage',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('breach.updated', async (trx, audit) => {
        audit
          .subject('breach', params.breachId)
          .detail({ status: body.status, authority: body.authority.decision, persons: body.persons.decision })
        await updateBreach(trx, ctx.codec, params.breachId, expected, body, ctx.user.userId, ctx.now())
        return loadBreach(trx, ctx.codec, params.breachId, ctx.now())
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
]
