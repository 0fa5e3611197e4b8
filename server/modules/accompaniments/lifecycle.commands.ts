import crypto from 'node:crypto'
import type { RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { accessOf } from './accompaniments.queries'

type Case = { id: string; team_id: string; person_id: string; status: string; version: number }
type Status = 'intake' | 'active' | 'suspended' | 'closing' | 'closed'

/** The lifecycle, as data: which move is allowed from which state. */
const MOVES: Record<string, { from: Status[]; to: Status }> = {
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'active' },
  request_closure: { from: ['active', 'suspended'], to: 'closing' },
  approve_closure: { from: ['closing'], to: 'closed' },
  refuse_closure: { from: ['closing'], to: 'active' },
  reopen: { from: ['closed'], to: 'active' },
}
export type Move = keyof typeof MOVES

/**
 * Changes a case's status, for its workers and its team lead only (a break-the-glass grant reads,
 * it does not steer), from the version the caller saw, and records the move on the timeline with
 * its reason sealed.
 */
export async function moveCase(
  ctx: RequestContext,
  trx: Trx,
  acc: Case,
  move: Move,
  expectedVersion: number,
  extra: { reason?: string | null; outcome?: string | null } = {},
): Promise<void> {
  const access = (await accessOf(trx, ctx.user, [acc])).get(acc.id)
  if (access === 'emergency') throw fail('access.forbidden')
  if ((move === 'approve_closure' || move === 'refuse_closure') && access !== 'lead') throw fail('access.forbidden')
  const rule = MOVES[move] as (typeof MOVES)[Move]
  if (!rule.from.includes(acc.status as Status)) throw fail('state.invalid_transition')
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const closing = move === 'request_closure'
  const sealedReason = closing ? ctx.codec.sealRow('accompaniments', key, acc.id, { closure_reason: extra.reason ?? null }) : {}
  const result = await trx
    .updateTable('accompaniments')
    .set({
      status: rule.to,
      ...(closing ? { closure_outcome: extra.outcome ?? null, closure_reason_sealed: sealedReason.closure_reason_sealed ?? null } : {}),
      ...(move === 'reopen' || move === 'refuse_closure' ? { closure_outcome: null, closure_reason_sealed: null } : {}),
      updated_at: ctx.now(),
      version: expectedVersion + 1,
    })
    .where('id', '=', acc.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
  const eventId = crypto.randomUUID()
  const note = extra.reason ? ctx.codec.sealRow('accompaniment_events', key, eventId, { note: extra.reason }).note_sealed : null
  await trx
    .insertInto('accompaniment_events')
    .values({
      id: eventId,
      accompaniment_id: acc.id,
      at: ctx.now(),
      actor_id: ctx.user.userId,
      type: move,
      data: JSON.stringify({ from: acc.status, to: rule.to, ...(extra.outcome ? { outcome: extra.outcome } : {}) }),
      note_sealed: note ?? null,
    })
    .execute()
}
