import { PlanHistory, PlanInput, PlanVersionParams, PlanView } from '../../../common/contracts/plans.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { savePlan } from './plans.commands'
import { currentPlan, planHistory, planVersion } from './plans.queries'

export const planRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/plan',
    summary: 'The current life-domain plan of a case (ETag: its version; version 0 when none yet)',
    tags: ['plan'],
    params: IdParams,
    response: PlanView,
    allow: 'desistance.read',
    access: 'read',
    action: 'plan.viewed',
    async handler({ acc, trx, audit, ctx, reply }) {
      const plan = await currentPlan(ctx, trx, acc)
      audit.detail({ version: plan.version })
      sendVersion(reply, plan.version)
      return plan
    },
  }),
  defineCaseRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/plan',
    summary: 'Save the plan as a new version (If-Match: the version it was edited from; "0" for the first)',
    tags: ['plan'],
    params: IdParams,
    body: PlanInput,
    response: PlanView,
    allow: 'desistance.write',
    access: 'change',
    action: 'plan.saved',
    async handler({ acc, trx, audit, body, ctx, request, reply }) {
      const expected = expectedVersion(request)
      const saved = await savePlan(ctx, trx, acc, expected, body)
      audit.subject('plan_version', saved.id).detail({
        accompanimentId: acc.id,
        version: saved.version,
        goals: saved.content.goals.length,
        steps: saved.content.goals.flatMap((g) => g.steps).length,
      })
      const plan = await currentPlan(ctx, trx, acc)
      sendVersion(reply, plan.version)
      return plan
    },
  }),
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/plan/versions',
    summary: 'History of the plan: every version with its author, date and counts, newest first',
    tags: ['plan'],
    params: IdParams,
    response: PlanHistory,
    allow: 'desistance.read',
    access: 'read',
    action: 'plan.history_viewed',
    async handler({ acc, trx, ctx }) {
      return { items: await planHistory(ctx, trx, acc) }
    },
  }),
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/plan/versions/:version',
    summary: 'One version of the plan, exactly as it was saved',
    tags: ['plan'],
    params: PlanVersionParams,
    response: PlanView,
    allow: 'desistance.read',
    access: 'read',
    action: 'plan.version_viewed',
    async handler({ acc, trx, audit, params, ctx }) {
      const plan = await planVersion(ctx, trx, acc, params.version)
      if (!plan) throw fail('resource.not_found')
      audit.detail({ version: plan.version })
      return plan
    },
  }),
]
