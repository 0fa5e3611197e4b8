import { z } from 'zod'
import { defineJob } from '../../jobs/job.definition'
import { enqueue } from '../../jobs/jobs.queue'
import { addDays, brussels } from '../duty/duty.time'
import { startOfBrusselsDay } from '../referrals/referral-expiry'
import { proposeRun } from './retention.runs'

/**
 * The daily retention job (issue 13): when something is due and no proposal waits already, it
 * proposes a run for the DPO to approve. It never erases: only the DPO's approval does. Safe to
 * repeat (a waiting proposal stops a second one); the same write queues the next day's run.
 */
export const retentionProposeJob = defineJob({
  kind: 'retention.propose',
  payload: z.object({}),
  maxAttempts: 5,
  backoffMs: 60_000,
  async handler(job) {
    const now = new Date().toISOString()
    const today = brussels(new Date(now)).date
    await job.write('retention.run_proposed', async (trx, audit) => {
      const run = await proposeRun(trx, now, null, true)
      if (run) audit.subject('retention_run', run.id)
      audit.detail({ date: today, items: run?.items ?? 0, via: 'daily' })
      await scheduleRetention(trx, addDays(today, 1))
    })
  },
})

/** Queues the daily proposal for `date` (Brussels), at 00:15 that day; a no-op when already waiting. */
export function scheduleRetention(db: Parameters<typeof enqueue>[0], date: string) {
  return enqueue(db, retentionProposeJob, {}, { runAfter: startOfBrusselsDay(date, 15), dedupeKey: `retention.propose:${date}` })
}
