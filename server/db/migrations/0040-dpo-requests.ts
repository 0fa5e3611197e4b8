import type { Kysely } from 'kysely'

/**
 * Issue 13: the register of data-subject requests (GDPR art. 12–22). One row per request: its
 * kind, who asked and how their identity was checked, when it came in and the legal deadline
 * (one month, extendable by two with a recorded reason), its status and the decision. The words
 * of the request, the extension's reason and the decision's reasons are sealed: with the data
 * subject's key when the request names a person Parcours holds (so erasing the person takes
 * them), otherwise with the request's own key (`person_keys` under the request's id, as public
 * contact requests do). The register itself (kinds, dates, statuses) stays readable for the DPO's
 * deadlines and for the supervisory authority.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dpo_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('requester', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('identity_check', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('extended_to', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('details_sealed', 'text')
    .addColumn('extension_reason_sealed', 'text')
    .addColumn('decision_reason_sealed', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('dpo_requests_person').on('dpo_requests').column('person_id').execute()
  await db.schema.createIndex('dpo_requests_open').on('dpo_requests').columns(['status', 'due_on']).execute()
}
