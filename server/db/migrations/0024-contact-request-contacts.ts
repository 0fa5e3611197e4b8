import type { Kysely } from 'kysely'

/**
 * A public request taken into the contact point becomes a web-form contact
 * (server/modules/public-info, POST /api/contact-requests/:id/take): `contact_id` is that contact.
 * No foreign key: a contact's erasure must not be blocked by the request that brought it, and the
 * request's own sealed data stays under its own key either way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contact_requests').addColumn('contact_id', 'text').execute()
}
