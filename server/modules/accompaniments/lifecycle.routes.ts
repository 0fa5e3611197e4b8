import type { AuditAction } from '../../../common/audit-actions'
import {
  AccompanimentView,
  ClosureDecisionBody,
  ClosureRequestBody,
  ReopenBody,
  StatusBody,
} from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { findVisibleAccompaniment } from './accompaniments.queries'
import { loadAccompaniment } from './accompaniments.view'
import { type Move, moveCase } from './lifecycle.commands'

/** One route per lifecycle step; each needs If-Match, each lands on the timeline. */
function step<B extends typeof StatusBody | typeof ClosureRequestBody | typeof ClosureDecisionBody | typeof ReopenBody>(
  path: string,
  summary: string,
  body: B,
  allow: 'accompaniment.update' | 'accompaniment.approve_closure',
  moveOf: (b: never) => { move: Move; reason?: string | null; outcome?: string | null },
) {
  return defineRoute({
    method: 'POST',
    path: `/api/accompaniments/:id/${path}`,
    summary,
    tags: ['accompaniments'],
    params: IdParams,
    body,
    response: AccompanimentView,
    allow,
    async handler({ params, body: input, ctx, request, reply }) {
      const version = expectedVersion(request)
      const { move, ...extra } = moveOf(input as never)
      return ctx.write(`accompaniment.${move}` as AuditAction, async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit
          .subject('accompaniment', params.id)
          .person(acc.person_id)
          .detail({ from: acc.status, ...(extra.outcome ? { outcome: extra.outcome } : {}) })
        await moveCase(ctx, trx, acc, move, version, extra)
        const view = await loadAccompaniment(ctx, trx, params.id)
        sendVersion(reply, view.version)
        return view
      })
    },
  })
}

export const lifecycleRoutes = [
  step(
    'status',
    'Suspend or resume a case',
    StatusBody,
    'accompaniment.update',
    (b: { to: 'active' | 'suspended'; reason: string | null }) => ({
      move: b.to === 'suspended' ? 'suspend' : 'resume',
      reason: b.reason,
    }),
  ),
  step(
    'closure',
    'Ask to close the case, with an outcome and a reason; the team lead decides',
    ClosureRequestBody,
    'accompaniment.update',
    (b: { outcome: string; reason: string }) => ({
      move: 'request_closure',
      outcome: b.outcome,
      reason: b.reason,
    }),
  ),
  step(
    'closure/decision',
    'Team lead: approve or refuse a requested closure',
    ClosureDecisionBody,
    'accompaniment.approve_closure',
    (b: { approve: boolean; note: string | null }) => ({
      move: b.approve ? 'approve_closure' : 'refuse_closure',
      reason: b.note,
    }),
  ),
  step('reopen', 'Reopen a closed case, stating why', ReopenBody, 'accompaniment.update', (b: { reason: string }) => ({
    move: 'reopen',
    reason: b.reason,
  })),
]
