import { z } from 'zod'
import { defineJob } from '../../jobs/job.definition'
import { enqueue } from '../../jobs/jobs.queue'
import { addDays, brussels } from '../duty/duty.time'
import { startOfBrusselsDay } from '../referrals/referral-expiry'
import { purgeExtractFiles } from './extract.purge'

/**
 * The daily deletion of research extracts (issue 14): a study that was closed, or whose last day
 * has passed, keeps the register of its extracts but not their files. Closing a study deletes
 * them at once; this catches the studies that simply ran out of dates. Safe to repeat (a deleted
 * extract is not selected again); the same write queues the next day's run.
 */
export const extractPurgeJob = defineJob({
  kind: 'study.extract_purge',
  payload: z.object({}),
  maxAttempts: 5,
  backoffMs: 60_000,
  async handler(job) {
    const now = new Date().toISOString()
    const today = brussels(new Date(now)).date
    await job.write('study.extracts_purged', async (trx, audit) => {
      const studies = await trx
        .selectFrom('studies')
        .select('id')
        .where((eb) => eb.or([eb('status', '=', 'closed'), eb('ends_on', '<', today)]))
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('study_extracts')
              .select('study_extracts.id')
              .whereRef('study_extracts.study_id', '=', 'studies.id')
              .where('study_extracts.purged_at', 'is', null),
          ),
        )
        .execute()
      const ids = studies.map((s) => s.id)
      const extracts = await purgeExtractFiles(trx, ids, now)
      audit.detail({ date: today, studies: ids.length, extracts, via: 'daily' })
      await scheduleExtractPurge(trx, addDays(today, 1))
    })
  },
})

/** Queues the daily deletion for `date` (Brussels), at 00:25 that day; a no-op when already waiting. */
export function scheduleExtractPurge(db: Parameters<typeof enqueue>[0], date: string) {
  return enqueue(db, extractPurgeJob, {}, { runAfter: startOfBrusselsDay(date, 25), dedupeKey: `study.extract_purge:${date}` })
}
