import { type Kysely, sql } from 'kysely'

/**
 * Two indexes of the audit log that no question reads any more, dropped: every audited read
 * appends an entry, so each index is one more write on the path the service takes most, and some
 * 220 bytes an entry on disk (about 11 GB at 50 million entries; docs/access-review.md).
 * - `audit_reader` (entry number → time, actor, action, outcome) served "who read this person"
 *   until 0074 gave `audit_persons` its own copies and `audit_person_reads`.
 * - `audit_person` (person_id, entry number): no statement filters the log on `person_id`; the
 *   log's page for a person and the DPO's questions start from `audit_persons`, which holds list
 *   reads too (`audit-plans.api.test.ts` checks those plans).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists audit_reader`.execute(db)
  await sql`drop index if exists audit_person`.execute(db)
}
