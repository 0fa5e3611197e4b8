import type { Kysely } from 'kysely'

/**
 * Issue 13, erasure by crypto-shredding. A person and their cases become tombstones
 * (`erased_at`): the rows stay, with their pseudonymous code, dates and counts, so statistics and
 * the audit chain keep adding up, while every sealed column is emptied and the data keys deleted.
 * `erasures` holds the two-person decision: proposed by a DPO under an erasure request,
 * confirmed or refused by a second person (the case team's lead or another DPO). Ids only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('persons').addColumn('erased_at', 'text').execute()
  await db.schema.alterTable('accompaniments').addColumn('erased_at', 'text').execute()
  await db.schema
    .createTable('erasures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('erasures_person').on('erasures').columns(['person_id', 'status']).execute()
  await db.schema.createIndex('erasures_status').on('erasures').columns(['status', 'proposed_at']).execute()
}
