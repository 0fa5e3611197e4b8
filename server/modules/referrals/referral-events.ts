import crypto from 'node:crypto'
import type { ReferralStatus } from '../../../common/contracts/referrals.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { notify, type NotifyEvent } from '../notifications/notifications'

export type ReferralEventKind =
  'created' | 'updated' | 'sent' | 'accepted' | 'declined' | 'in_progress' | 'completed' | 'stopped' | 'feedback' | 'shredded'

/** What a referral event says, without any content: enough for a notification (event, reference code, recipients). */
export type ReferralEvent = {
  referralId: string
  code: string
  organisationId: string
  /** The worker who created the referral: the one told of the partner's answers. */
  createdBy: string
  kind: ReferralEventKind
  from: ReferralStatus | null
  to: ReferralStatus | null
}

/**
 * Records a step of a referral's lifecycle (referral_events, no content) in the caller's
 * transaction, and is the one place every step passes through.
 *
 * The in-app notification and the queued e-mail of `sent` (to the partner organisation's staff
 * and its referral address) and of `accepted`, `declined`, `completed` (to `createdBy`) are
 * written here, in the same transaction, with the reference code only: a rolled-back step tells
 * nobody.
 */
export async function referralEvent(
  ctx: Pick<RequestContext, 'now' | 'actor' | 'services'>,
  trx: Trx,
  event: ReferralEvent,
): Promise<void> {
  await trx
    .insertInto('referral_events')
    .values({
      id: crypto.randomUUID(),
      referral_id: event.referralId,
      at: ctx.now(),
      actor_id: ctx.actor?.userId ?? null,
      kind: event.kind,
      from_status: event.from,
      to_status: event.to,
    })
    .execute()
  const notice = noticeOf(event)
  if (notice) await notify(trx, notice, ctx.services.config)
}

/** Who hears of a step: the partner of a referral sent, the worker of the partner's answers. */
function noticeOf(e: ReferralEvent): NotifyEvent | null {
  const base = { referralId: e.referralId, code: e.code }
  if (e.kind === 'sent') return { event: 'referral_sent', ...base, organisationId: e.organisationId }
  if (e.kind === 'accepted' || e.kind === 'declined' || e.kind === 'completed')
    return { event: `referral_${e.kind}`, ...base, userId: e.createdBy }
  return null
}
