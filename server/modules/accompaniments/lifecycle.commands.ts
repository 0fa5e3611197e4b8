import type { AuditAction } from '../../../common/audit-actions'
import type { AccompanimentStatus as Status, ClosureOutcome } from '../../../common/contracts/accompaniments.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { type ManageableCase, rowsOf, updateCase } from '../../security/case-access'
import { notify } from '../notifications/notifications'
import { addEvent } from './accompaniments.commands'

/** The lifecycle, as data: which move is allowed from which state. */
const MOVES = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  request_closure: { from: ['active', 'suspended'], to: 'closing' },
  approve_closure: { from: ['closing'], to: 'closed' },
  refuse_closure: { from: ['closing'], to: 'active' },
  reopen: { from: ['closed'], to: 'active' },
} as const satisfies Record<string, { from: readonly Status[]; to: Status }>
export type Move = keyof typeof MOVES

/** Each move is its own audit action, so that the DPO can filter on closures and reopenings. */
export const auditActionOf = (move: Move): AuditAction => `accompaniment.${move}`

/**
 * Changes a case's status from the version the caller saw, and records the move on the timeline
 * with its reason sealed. The door lets the case's workers and its team lead in (a break-the-glass
 * grant reads, it does not steer); deciding on a closure is the lead's alone.
 */
export async function moveCase(
  ctx: RequestContext,
  trx: Trx,
  acc: ManageableCase,
  move: Move,
  expectedVersion: number,
  extra: { reason?: string | null; outcome?: ClosureOutcome | null; data?: Record<string, unknown> } = {},
): Promise<void> {
  if ((move === 'approve_closure' || move === 'refuse_closure') && acc.access !== 'lead') throw fail('access.forbidden')
  const rule: { from: readonly Status[]; to: Status } = MOVES[move]
  if (!rule.from.includes(acc.status)) throw fail('state.invalid_transition')
  const closing = move === 'request_closure'
  const sealedReason = closing
    ? ctx.codec.sealRow('accompaniments', await ctx.codec.personKey(trx, acc.person_id), acc.id, { closure_reason: extra.reason ?? null })
        .closure_reason_sealed
    : null
  const result = await updateCase(trx, acc)
    .set({
      status: rule.to,
      ...(closing ? { closure_outcome: extra.outcome ?? null, closure_reason_sealed: sealedReason } : {}),
      ...(move === 'reopen' || move === 'refuse_closure' ? { closure_outcome: null, closure_reason_sealed: null } : {}),
      // The indicators count from it (the timeline's approve_closure event is written just below).
      ...(move === 'approve_closure' ? { closed_at: ctx.now() } : move === 'reopen' ? { closed_at: null } : {}),
      updated_at: ctx.now(),
      version: expectedVersion + 1,
    })
    .where('accompaniments.version', '=', expectedVersion)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
  await addEvent(
    ctx,
    trx,
    acc,
    move,
    { from: acc.status, to: rule.to, ...(extra.outcome ? { outcome: extra.outcome } : {}), ...extra.data },
    extra.reason ?? null,
  )
  if (move === 'approve_closure' || move === 'refuse_closure') await tellRequester(ctx, trx, acc, move)
}

/** The worker who asked to close the case hears of the lead's decision (issue 12): the code only. */
async function tellRequester(ctx: RequestContext, trx: Trx, acc: ManageableCase, move: 'approve_closure' | 'refuse_closure') {
  const request = await rowsOf(trx, acc, 'accompaniment_events')
    .select('accompaniment_events.actor_id')
    .where('accompaniment_events.type', '=', 'request_closure')
    .orderBy('accompaniment_events.at', 'desc')
    .limit(1)
    .executeTakeFirst()
  const userId = request?.actor_id
  if (!userId || userId === ctx.user.userId) return
  const event = move === 'approve_closure' ? 'closure_approved' : 'closure_refused'
  await notify(trx, { event, accompanimentId: acc.id, code: acc.code, userId }, ctx.services.config)
}
