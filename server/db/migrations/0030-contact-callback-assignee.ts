import type { Kysely } from 'kysely'

/**
 * A worker sees the contacts whose call-back is theirs (the contact door, security/contact-access.ts):
 * the triage gives an emergency's call-back to whoever is on duty. This index is the read that part
 * of the door's union makes, so a worker's list stays three index reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('contacts_callback_assignee').on('contacts').columns(['callback_assignee_id', 'occurred_at']).execute()
}
