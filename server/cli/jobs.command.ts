import { JOB_STATES, type JobState, type JobView } from '../../common/contracts/jobs.contracts'
import type { Services } from '../http/context'
import { findJob, listJobs, retryJob } from '../jobs/jobs.queue'
import { systemContext } from '../seed/system-context'

const progressOf = (j: JobView) => (j.progress ? `${j.progress.done}/${j.progress.total ?? '?'}` : '-')

/** `jobs list` and `jobs retry <id>`: what an operator needs when a job is stuck or failed. */
export async function jobsCommand(
  services: Services,
  sub: string | undefined,
  rest: string[],
  f: { state?: string; limit?: string },
): Promise<{ code: number; usage?: string }> {
  if (sub === 'list') {
    if (f.state !== undefined && !(JOB_STATES as readonly string[]).includes(f.state))
      return { code: 2, usage: `--state is one of ${JOB_STATES.join(', ')}` }
    const limit = f.limit === undefined ? 50 : Number(f.limit)
    if (!Number.isInteger(limit) || limit < 1) return { code: 2, usage: '--limit needs a positive whole number' }
    const jobs = await listJobs(services.db, { state: f.state as JobState | undefined, limit })
    if (jobs.length === 0) console.log('no jobs')
    for (const j of jobs) {
      const cols = [j.id, j.kind.padEnd(24), j.state.padEnd(7), `${j.attempts}/${j.maxAttempts}`.padEnd(5), progressOf(j).padEnd(9)]
      cols.push(j.state === 'queued' ? `due ${j.runAfter}` : `updated ${j.updatedAt}`)
      if (j.lastError) cols.push(`last error ${j.lastError}`)
      console.log(cols.join('  '))
    }
    return { code: 0 }
  }
  if (sub === 'retry') {
    const id = rest.find((a) => !a.startsWith('--'))
    if (!id) return { code: 2, usage: 'jobs retry needs the id of a failed job' }
    const ctx = await systemContext(services, null, 'cli')
    // Audited like any operator work; the outcome decides the message, not the entry.
    const outcome = await ctx
      .write('job.retried', async (trx, audit) => {
        audit.subject('job', id).detail({ via: 'cli' })
        const r = await retryJob(trx, id)
        if (r !== 'queued') throw new NotRetried(r)
        return r
      })
      .catch((e: unknown) => {
        if (e instanceof NotRetried) return e.reason
        throw e
      })
    if (outcome === 'not_found') {
      console.error(`no job ${id}`)
      return { code: 1 }
    }
    if (outcome === 'not_failed') {
      console.error(`job ${id} is ${(await findJob(services.db, id))?.state}: only a failed job is retried`)
      return { code: 1 }
    }
    console.log(`job ${id} queued again`)
    return { code: 0 }
  }
  return { code: 2, usage: 'jobs needs list or retry <id>' }
}

class NotRetried extends Error {
  constructor(readonly reason: 'not_found' | 'not_failed') {
    super(reason)
  }
}
