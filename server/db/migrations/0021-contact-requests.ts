import type { Kysely } from 'kysely'

/**
 * The public "ask to be contacted" form (server/modules/public-info).
 *
 * `contact_requests`: the inbox. A request is sealed from the moment it arrives: its identity
 * (name, phone, e-mail) and message are sealed under a data key of its own, kept in
 * `person_keys` under the request's id (ids are UUIDs; `person_keys` has no foreign key), so that
 * erasing one request is deleting one key. What stays in clear is what intake needs to sort the
 * inbox without opening anyone's identity: the caller's kind and sector, whether the request is
 * anonymous, how and when to reach them, the page's language, and where it stands. `form_nonce`
 * is the nonce of the signed form token it came with: one token, one request.
 *
 * `public_form_windows`: counters of accepted submissions per (hashed) address and for the whole
 * form, per day (server/modules/public-info/public-form.limits.ts). No address is stored in clear.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('caller_kind', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('reach_by', 'text')
    .addColumn('preferred_times', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('name_sealed', 'text')
    .addColumn('phone_sealed', 'text')
    .addColumn('email_sealed', 'text')
    .addColumn('message_sealed', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('form_nonce', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  // The inbox, oldest first, and the count of open requests that bounds it.
  await db.schema.createIndex('contact_requests_inbox').on('contact_requests').columns(['state', 'received_at', 'id']).execute()

  await db.schema
    .createTable('public_form_windows')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()
}
