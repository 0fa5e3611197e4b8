import type { Kysely } from 'kysely'

/**
 * The triage grid filled on a contact. Each filling is kept (the grid may be filled again as the
 * exchange goes on): its answers sealed as one document under the contact's own key (person_keys
 * under the contact id, as the contact's other fields), with the grid's version so a later
 * version still renders them, and its outcome in clear for the queue.
 *
 * On the contact, `danger_at` is set when a filling finds immediate danger and
 * `danger_acknowledged_at` stays null until a lead acknowledges it: the queue puts such contacts first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_triages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('instrument_version_id', 'text', (c) => c.notNull().references('instrument_versions.id'))
    .addColumn('answers_sealed', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('immediate_danger', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('contact_triages_contact').on('contact_triages').columns(['contact_id', 'recorded_at']).execute()
  await db.schema.alterTable('contacts').addColumn('danger_at', 'text').execute()
  await db.schema.alterTable('contacts').addColumn('danger_acknowledged_at', 'text').execute()
  await db.schema
    .alterTable('contacts')
    .addColumn('danger_acknowledged_by', 'text', (c) => c.references('users.id'))
    .execute()
}
