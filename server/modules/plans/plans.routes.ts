import { PlanHistory, PlanInput, PlanVersionParams, PlanView } from '../../../common/contracts/plans.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { findVisibleAccompaniment } from '../accompaniments/accompaniments.queries'
import { savePlan } from './plans.commands'
import { currentPlan, planHistory, planVersion } from './plans.queries'

export const planRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/plan',
    summary: 'The current life-domain plan of a case (ETag: its version; version 0 when none yet)',
    tags: ['plan'],
    params: IdParams,
    response: PlanView,
    allow: 'desistance.read',
    async handler({ params, ctx, reply }) {
      const plan = await ctx.read('plan.viewed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        const view = await currentPlan(ctx, trx, acc)
        audit.detail({ version: view.version })
        return view
      })
      sendVersion(reply, plan.version)
      return plan
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/plan',
    summary: 'Save the plan as a new version (If-Match: the version it was edited from; "0" for the first)',
    tags: ['plan'],
    params: IdParams,
    body: PlanInput,
    response: PlanView,
    allow: 'desistance.write',
    async handler({ params, body, ctx, request, reply }) {
      const expected = expectedVersion(request)
      const plan = await ctx.write('plan.saved', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const saved = await savePlan(ctx, trx, acc, expected, body)
        const steps = saved.content.goals.flatMap((g) => g.steps)
        audit.subject('plan_version', saved.id).person(acc.person_id).detail({
          accompanimentId: acc.id,
          version: saved.version,
          goals: saved.content.goals.length,
          steps: steps.length,
        })
        return currentPlan(ctx, trx, acc)
      })
      sendVersion(reply, plan.version)
      return plan
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/plan/versions',
    summary: 'History of the plan: every version with its author, date and counts, newest first',
    tags: ['plan'],
    params: IdParams,
    response: PlanHistory,
    allow: 'desistance.read',
    async handler({ params, ctx }) {
      return ctx.read('plan.history_viewed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        return { items: await planHistory(ctx, trx, acc) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/plan/versions/:version',
    summary: 'One version of the plan, exactly as it was saved',
    tags: ['plan'],
    params: PlanVersionParams,
    response: PlanView,
    allow: 'desistance.read',
    async handler({ params, ctx }) {
      return ctx.read('plan.version_viewed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const plan = await planVersion(ctx, trx, acc, params.version)
        if (!plan) throw fail('resource.not_found')
        audit.subject('accompaniment', acc.id).person(acc.person_id).detail({ version: plan.version })
        return plan
      })
    },
  }),
]
