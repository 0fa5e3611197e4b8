import crypto from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { z } from 'zod'
import type { JobState, JobView } from '../../common/contracts/jobs.contracts'
import type { Database } from '../db/schema'
import { checkPayload, type JobDefinition } from './job.definition'

type Db = Kysely<Database>
export type JobRow = Selectable<Database['jobs']>

export const DEFAULT_MAX_ATTEMPTS = 5

/**
 * Queues a job in the caller's transaction, so that it exists exactly when the change that asked
 * for it commits. With a `dedupeKey` (ids only), a job of that key still waiting or running
 * makes this one a no-op: null is returned instead of the new job's id.
 */
export async function enqueue<S extends z.ZodType>(
  trx: Db,
  definition: JobDefinition<S>,
  payload: z.input<S>,
  options: { runAfter?: Date; dedupeKey?: string } = {},
): Promise<string | null> {
  const parsed = definition.payload.parse(payload)
  checkPayload(parsed)
  if (options.dedupeKey !== undefined) checkPayload(options.dedupeKey, 'dedupeKey')
  const id = crypto.randomUUID()
  const now = new Date().toISOString()
  const inserted = await trx
    .insertInto('jobs')
    .values({
      id,
      kind: definition.kind,
      payload: JSON.stringify(parsed),
      state: 'queued',
      dedupe_key: options.dedupeKey ?? null,
      run_after: (options.runAfter ?? new Date()).toISOString(),
      attempts: 0,
      max_attempts: definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      created_at: now,
      updated_at: now,
    })
    // The only unique index besides the id is the dedupe key's, for waiting and running jobs.
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted?.id ?? null
}

export function presentJob(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAfter: row.run_after,
    lastError: row.last_error,
    progress:
      row.progress_done === null
        ? null
        : { done: Number(row.progress_done), total: row.progress_total === null ? null : Number(row.progress_total) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  }
}

/** The latest jobs first, optionally of one state. */
export async function listJobs(db: Db, options: { state?: JobState; limit?: number } = {}): Promise<JobView[]> {
  let q = db
    .selectFrom('jobs')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit ?? 100)
  if (options.state) q = q.where('state', '=', options.state)
  return (await q.execute()).map(presentJob)
}

export async function findJob(db: Db, id: string): Promise<JobView | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? presentJob(row) : null
}

/**
 * Gives a failed job a fresh set of attempts, due now. Only a failed job: one that waits or runs
 * is left to its runner, and one that is done stays done.
 */
export async function retryJob(db: Db, id: string): Promise<'queued' | 'not_found' | 'not_failed'> {
  const now = new Date().toISOString()
  const r = await db
    .updateTable('jobs')
    .set({ state: 'queued', attempts: 0, run_after: now, updated_at: now, finished_at: null })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) === 1) return 'queued'
  return (await findJob(db, id)) ? 'not_failed' : 'not_found'
}
