import { PersonSummary, Progress } from '../../../common/contracts/progress.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { findVisibleAccompaniment } from '../accompaniments/accompaniments.queries'
import { personSummaryOf, progressOf } from './progress.queries'

export const progressRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/progress',
    summary: 'Progress at a glance: review scores over time, plan completion, network change, trajectory counts',
    tags: ['desistance'],
    params: IdParams,
    response: Progress,
    allow: 'desistance.read',
    async handler({ params, ctx }) {
      return ctx.read('progress.viewed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        return progressOf(ctx, trx, acc)
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/summary',
    summary: 'The plain-language summary for the person: their goals, progress and supportive network, nothing else',
    tags: ['desistance'],
    params: IdParams,
    response: PersonSummary,
    allow: 'desistance.read',
    async handler({ params, ctx }) {
      return ctx.read('person_summary.viewed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        const [row, key] = await Promise.all([
          trx.selectFrom('persons').select(['id', 'first_name_sealed']).where('id', '=', acc.person_id).executeTakeFirstOrThrow(),
          ctx.codec.personKey(trx, acc.person_id),
        ])
        const firstName = String(ctx.codec.openRow('persons', key, row.id, row).first_name)
        return personSummaryOf(ctx, trx, acc, firstName)
      })
    },
  }),
]
