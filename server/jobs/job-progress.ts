import type { Trx } from '../http/context'

/** What a screen shows of the job behind a product (an export, an extract): where it is, how far. */
export type WorkState = 'queued' | 'running' | 'ready' | 'failed'
export type WorkProgress = { done: number; total: number | null }
type JobRow = { id: string; state: string; progress_done: number | null; progress_total: number | null }

/** The jobs of these ids (nulls and repeats ignored), by id: one statement. */
export async function jobsById(trx: Trx, ids: readonly (string | null)[]): Promise<Map<string, JobRow>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))]
  if (wanted.length === 0) return new Map()
  const rows = await trx.selectFrom('jobs').select(['id', 'state', 'progress_done', 'progress_total']).where('id', 'in', wanted).execute()
  return new Map(rows.map((j) => [j.id, j]))
}

/**
 * A product's state from its own row and its job's: ready once stored; failed when it says so, or
 * when its job gave up or ended without storing it; running while a runner holds the job; else
 * waiting. The progress is the job's last report, whatever the state.
 */
export function workOf(
  job: JobRow | undefined,
  own: { ready: boolean; failed: boolean },
): { state: WorkState; progress: WorkProgress | null } {
  const state: WorkState = own.ready
    ? 'ready'
    : own.failed || job?.state === 'failed' || job?.state === 'done'
      ? 'failed'
      : job?.state === 'running'
        ? 'running'
        : 'queued'
  const progress =
    job && job.progress_done !== null
      ? { done: Number(job.progress_done), total: job.progress_total === null ? null : Number(job.progress_total) }
      : null
  return { state, progress }
}
