import type { ReferralDeclineReason, ReferralOutcome, ReferralStatus } from '../../../common/contracts/referrals.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { reachableRow } from './partner-portal.queries'
import { referralEvent } from './referral-events'
import { shredReferral } from './referral-shred'
import { eventOf, writeFeedback } from './referrals.commands'

/**
 * What a partner's staff do with a referral addressed to their organisation: accept or decline it
 * (with a reason code and words), say work is in progress, complete it with an outcome, write feedback. Every step
 * carries If-Match; declining and completing end the referral and shred the partner's copy.
 */
export type PartnerStep =
  | { to: 'accepted' }
  | { to: 'declined'; reason: string; reasonCode: ReferralDeclineReason }
  | { to: 'in_progress' }
  | { to: 'completed'; outcome: ReferralOutcome }

const FROM: Record<PartnerStep['to'], readonly ReferralStatus[]> = {
  accepted: ['sent'],
  declined: ['sent'],
  in_progress: ['accepted'],
  completed: ['accepted', 'in_progress'],
}

export async function partnerStep(ctx: RequestContext, trx: Trx, id: string, expected: number, step: PartnerStep) {
  const row = await reachableRow(trx, ctx, id)
  if (row.version !== expected) throw fail('version.mismatch')
  const from = row.status as ReferralStatus
  if (!FROM[step.to].includes(from)) throw fail('state.invalid_transition')
  const now = ctx.now()
  const ends = step.to === 'declined' || step.to === 'completed'
  const sealed =
    step.to === 'declined'
      ? ctx.codec.sealRow('referrals', await ctx.codec.personKey(trx, row.key_id), row.id, { decline_reason: step.reason })
      : {}
  const res = await trx
    .updateTable('referrals')
    .set({
      status: step.to,
      updated_at: now,
      version: expected + 1,
      ...(from === 'sent' ? { answered_at: now } : {}),
      ...(ends ? { closed_at: now } : {}),
      ...(step.to === 'completed' ? { outcome: JSON.stringify(step.outcome) } : {}),
      ...(step.to === 'declined' ? { decline_code: step.reasonCode } : {}),
      ...sealed,
    })
    .where('id', '=', row.id)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
  if (ends) await shredReferral(ctx, trx, row.id, now)
  await referralEvent(ctx, trx, eventOf(row, step.to, from, step.to))
  return row
}

export async function partnerFeedback(ctx: RequestContext, trx: Trx, id: string, note: string) {
  const row = await reachableRow(trx, ctx, id)
  await writeFeedback(ctx, trx, row, 'partner', note)
  return row
}
