/**
 * Background jobs: the API a module uses (see docs/ARCHITECTURE.md, "Background jobs").
 *
 *   const sendReport = defineJob({ kind: 'report.send', payload: z.object({ reportId: z.uuid() }),
 *     handler: async (job) => job.write('report.sent', async (trx, audit) => { … }) })
 *   await enqueue(trx, sendReport, { reportId }, { dedupeKey: `report.send:${reportId}` })
 */
import type { Services } from '../http/context'
import { JOB_KINDS } from './job-kinds'
import { JobRunner, type RunnerOptions } from './jobs.runner'

export { defineJob, JobError, type JobDefinition, type RunningJob } from './job.definition'
export { enqueue } from './jobs.queue'

/** Starts this instance's runner; `stop()` on shutdown stops claiming and waits for running jobs. */
export function startJobs(services: Services, options: RunnerOptions = {}): JobRunner {
  return new JobRunner(services, JOB_KINDS, options).start()
}
