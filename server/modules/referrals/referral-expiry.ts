import { z } from 'zod'
import type { ReferralStatus } from '../../../common/contracts/referrals.contracts'
import type { Trx } from '../../http/context'
import { defineJob } from '../../jobs/job.definition'
import { enqueue } from '../../jobs/jobs.queue'
import { addDays, brussels } from '../duty/duty.time'
import { referralEvent } from './referral-events'
import { shredReferral } from './referral-shred'

/** Copies shredded per transaction: a long backlog is cut into short writes, each audited. */
const BATCH = 200

/** Referrals whose consent's last day is before `today` and whose copy still exists, with what their event names. */
function expiredCopies(trx: Trx, today: string) {
  return trx
    .selectFrom('referrals')
    .innerJoin('consents as c', 'c.id', 'referrals.consent_id')
    .select(['referrals.id', 'referrals.code', 'referrals.organisation_id', 'referrals.created_by', 'referrals.status'])
    .where('referrals.shredded_at', 'is', null)
    .where('referrals.copy_sealed', 'is not', null)
    .where('c.expires_on', '<', today)
    .orderBy('referrals.id')
    .limit(BATCH)
    .execute()
}

/** The first instant whose date in Brussels is `date`, plus a few minutes (UTC+1 or UTC+2, whatever the season). */
export function startOfBrusselsDay(date: string, minutes = 5): Date {
  let at = new Date(Date.parse(`${date}T00:00:00Z`) - 2 * 3_600_000 + minutes * 60_000)
  while (brussels(at).date < date) at = new Date(at.getTime() + 3_600_000)
  return at
}

/**
 * The daily sweep of expired consents (issue 11). Every referral whose consent's last day
 * (Brussels) has passed and whose copy still exists loses its copy's key, as withdrawal does
 * (`shredReferral`), and gets a `shredded` event on its lifecycle, shown with the case's
 * referrals. Partner reads already hide such a referral from the day after expiry; this makes
 * the copy unrecoverable even if nobody from the partner ever comes back.
 *
 * Referrals have no end date of their own: declined, completed and stopped ones are shredded at
 * that step already. Safe to repeat (a shredded copy is not selected again); the last write
 * queues the next day's run (dedupe key per date), so one chain runs whatever the instances.
 */
export const referralExpiryJob = defineJob({
  kind: 'referral.expiry',
  payload: z.object({}),
  maxAttempts: 5,
  backoffMs: 60_000,
  async handler(job) {
    const now = new Date()
    const today = brussels(now).date
    for (;;) {
      const done = await job.write('referral.expired_shredded', async (trx, audit) => {
        const rows = await expiredCopies(trx, today)
        const at = now.toISOString()
        const ctx = { now: () => at, actor: null, services: job.services }
        for (const r of rows) {
          await shredReferral(job, trx, r.id, at)
          const status = r.status as ReferralStatus
          await referralEvent(ctx, trx, {
            referralId: r.id,
            code: r.code,
            organisationId: r.organisation_id,
            createdBy: r.created_by,
            kind: 'shredded',
            from: status,
            to: status,
          })
        }
        audit.detail({ date: today, referrals: rows.length })
        const last = rows.length < BATCH
        if (last) await scheduleReferralExpiry(trx, addDays(today, 1))
        return last
      })
      if (done) return
    }
  },
})

/** Queues the sweep for `date` (Brussels), at 00:05 that day; a no-op when that day's run is already waiting. */
export function scheduleReferralExpiry(db: Parameters<typeof enqueue>[0], date: string) {
  const at = startOfBrusselsDay(date)
  return enqueue(db, referralExpiryJob, {}, { runAfter: at, dedupeKey: `referral.expiry:${date}` })
}
