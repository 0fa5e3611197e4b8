import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

/**
 * Issue 13, the DPO's access review. Two indexes on the audit log, designed for a log of 50
 * million entries (docs/access-review.md):
 *
 * - `audit_reader` (seq → at, actor_id, action, outcome): "who read this person" starts at the
 *   persons index (`audit_persons`, keyed person then seq) and must reach each of the person's
 *   entries for its time and reader. Through the table that is one heap page per entry, in a heap
 *   of wide rows (two hashes, details) that stops fitting in memory long before 50 million; this
 *   narrow index answers the same probe on its own (an index-only scan on PostgreSQL, whose
 *   append-only heap stays all-visible after vacuum; a covering index on SQLite). Its key is the
 *   entry number, which only grows, so each append writes at the index's right edge.
 * - `audit_actor_at` (actor_id, at): "what did this user read" between two dates reads the
 *   account's entries of that period only, where `audit_actor` (actor_id, seq) would walk all
 *   their years to filter on time.
 *
 * Built in place (not CONCURRENTLY, which cannot run in the migration's transaction): on a large
 * existing log, run the migration in a maintenance window.
 */
export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  if (kind === 'postgres') await sql`create index audit_reader on audit_log (seq) include (at, actor_id, action, outcome)`.execute(db)
  else await db.schema.createIndex('audit_reader').on('audit_log').columns(['seq', 'at', 'actor_id', 'action', 'outcome']).execute()
  await db.schema.createIndex('audit_actor_at').on('audit_log').columns(['actor_id', 'at']).execute()
}
