import type { Kysely } from 'kysely'

/**
 * Two things the contact point records next to a contact.
 *
 * `contact_information_given`: each information sheet given during a contact — which sheet, the
 * exact version and language given (a later revision must not rewrite what the caller was told),
 * and how (read aloud, sent by e-mail, handed on paper). It names no one: the contact it belongs
 * to is reached through the contact door only (security/contact-access.ts). No foreign key to the
 * contact so that erasing a contact deletes its rows here in the same step, not before it.
 *
 * Call-backs: an outgoing contact may answer an earlier one (`answers_contact_id`); finalising it
 * sets `called_back_at` on the contact it answers, which takes that contact out of the queue and
 * gives the lead's median time to call back. No foreign key, for the same reason as above.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_information_given')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('sheet_id', 'text', (c) => c.notNull().references('sheets.id'))
    .addColumn('sheet_version_id', 'text', (c) => c.notNull().references('sheet_versions.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('contact_information_given_contact')
    .on('contact_information_given')
    .columns(['contact_id', 'recorded_at'])
    .execute()
  await db.schema
    .createIndex('contact_information_given_recorded')
    .on('contact_information_given')
    .columns(['recorded_at', 'sheet_id'])
    .execute()
  await db.schema.alterTable('contacts').addColumn('answers_contact_id', 'text').execute()
  await db.schema.alterTable('contacts').addColumn('called_back_at', 'text').execute()
  await db.schema.createIndex('contacts_answers').on('contacts').column('answers_contact_id').execute()
}
