/**
 * Background jobs: the API a module uses (see docs/ARCHITECTURE.md, "Background jobs").
 *
 *   const sendReport = defineJob({ kind: 'report.send', payload: z.object({ reportId: z.uuid() }),
 *     handler: async (job) => job.write('report.sent', async (trx, audit) => { … }) })
 *   await enqueue(trx, sendReport, { reportId }, { dedupeKey: `report.send:${reportId}` })
 */
import type { Services } from '../http/context'
import { brussels } from '../modules/duty/duty.time'
import { DAILY_JOBS, JOB_KINDS } from './job-kinds'
import { JobRunner, type RunnerOptions } from './jobs.runner'

export { defineJob, JobError, type JobDefinition, type RunningJob } from './job.definition'
export { enqueue } from './jobs.queue'

/**
 * Starts this instance's runner, after queueing today's daily jobs (those not waiting already);
 * `stop()` on shutdown stops claiming and waits for running jobs.
 */
export async function startJobs(services: Services, options: RunnerOptions = {}): Promise<JobRunner> {
  await queueDailyJobs(services)
  return new JobRunner(services, JOB_KINDS, options).start()
}

/** Queues today's run of every daily job (see DAILY_JOBS); a no-op for those already waiting. */
export async function queueDailyJobs(services: Pick<Services, 'db'>, now = new Date()): Promise<void> {
  const today = brussels(now).date
  for (const schedule of DAILY_JOBS) await schedule(services.db, today)
}
