import { type Kysely, sql } from 'kysely'

/**
 * Two things every instance must agree on when several serve one database.
 *
 * `jobs`: background work, run once whatever the number of instances. A runner claims a job by
 * taking a lease (`lease_token`, `lease_until`) and renews it while it works; a lease that runs
 * out lets another instance take the job over. The payload holds ids (or sealed values), never
 * personal data in plaintext; `last_error` holds an error's name and code, never its message.
 *
 * `denial_windows`: each user's refusals of the current minute (server/security/denial-limiter.ts),
 * counted by one atomic statement so that refusals spread over instances add up.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_token', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('progress_done', 'integer')
    .addColumn('progress_total', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  // What a runner looks for: queued jobs that are due, running jobs whose lease ran out.
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_after']).execute()
  // One waiting or running job per dedupe key; a finished one does not stop the next.
  await sql`create unique index jobs_dedupe on jobs (dedupe_key) where dedupe_key is not null and state in ('queued', 'running')`.execute(
    db,
  )

  await db.schema
    .createTable('denial_windows')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('refusals', 'integer', (c) => c.notNull())
    .execute()
}
