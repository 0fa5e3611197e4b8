import type { z } from 'zod'
import {
  AccompanimentView,
  ClosureContext,
  type ClosureOutcome,
  ClosureDecisionBody,
  ClosureRequestBody,
  ReopenBody,
  StatusBody,
} from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { Permission } from '../../../common/permissions'
import { defineCaseRoute } from '../../http/case-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { reloadCase } from './accompaniments.view'
import { settleFollowUps } from './closure.commands'
import { closureContext } from './closure.queries'
import { auditActionOf, type Move, moveCase } from './lifecycle.commands'

type Step = { move: Move; reason?: string | null; outcome?: ClosureOutcome | null }

/** One route per lifecycle step; each needs If-Match, each lands on the timeline and is its own audit action. */
function step<B extends z.ZodType>(path: string, summary: string, body: B, allow: Permission, stepOf: (input: z.output<B>) => Step) {
  return defineCaseRoute({
    method: 'POST',
    path: `/api/accompaniments/:id/${path}`,
    summary,
    tags: ['accompaniments'],
    params: IdParams,
    body,
    response: AccompanimentView,
    allow,
    access: 'manage',
    action: ({ body: input }) => auditActionOf(stepOf(input).move),
    async handler({ acc, trx, audit, body: input, ctx, request, reply }) {
      const version = expectedVersion(request)
      const { move, ...extra } = stepOf(input)
      audit.detail({ from: acc.status, ...(extra.outcome ? { outcome: extra.outcome } : {}) })
      await moveCase(ctx, trx, acc, move, version, extra)
      const view = await reloadCase(ctx, trx, acc.id)
      sendVersion(reply, view.version)
      return view
    },
  })
}

export const lifecycleRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/closure',
    summary: 'Before deciding on a closure: the outcome and reason, the last session, what is still open, the mandate and the reports',
    tags: ['accompaniments'],
    params: IdParams,
    response: ClosureContext,
    allow: 'accompaniment.read',
    access: 'read',
    action: 'accompaniment.closure_viewed',
    async handler({ acc, trx, ctx, reply }) {
      reply.header('ETag', `"${acc.version}"`)
      return closureContext(ctx, trx, acc)
    },
  }),
  step('status', 'Suspend or resume a case', StatusBody, 'accompaniment.update', (b) => ({
    move: b.to === 'suspended' ? 'suspend' : 'resume',
    reason: b.reason,
  })),
  step(
    'closure',
    'Ask to close the case, with an outcome and a reason; the team lead decides',
    ClosureRequestBody,
    'accompaniment.update',
    (b) => ({
      move: 'request_closure',
      outcome: b.outcome,
      reason: b.reason,
    }),
  ),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/closure/decision',
    summary: 'Team lead: approve a requested closure (settling its open tasks and planned sessions) or refuse it',
    tags: ['accompaniments'],
    params: IdParams,
    body: ClosureDecisionBody,
    response: AccompanimentView,
    allow: 'accompaniment.approve_closure',
    access: 'manage',
    action: ({ body: input }) => auditActionOf(input.approve ? 'approve_closure' : 'refuse_closure'),
    async handler({ acc, trx, audit, body: input, ctx, request, reply }) {
      const version = expectedVersion(request)
      const move: Move = input.approve ? 'approve_closure' : 'refuse_closure'
      // Settled first, in the same transaction: a stale version or a refused move undoes it.
      const followUp = input.approve ? await settleFollowUps(ctx, trx, acc, input) : null
      audit.detail({ from: acc.status, ...followUp })
      await moveCase(ctx, trx, acc, move, version, { reason: input.note, ...(followUp ? { data: followUp } : {}) })
      const view = await reloadCase(ctx, trx, acc.id)
      sendVersion(reply, view.version)
      return view
    },
  }),
  step('reopen', 'Reopen a closed case, stating why', ReopenBody, 'accompaniment.update', (b) => ({ move: 'reopen', reason: b.reason })),
]
