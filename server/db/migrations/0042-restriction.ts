import type { Kysely } from 'kysely'

/**
 * Issue 13, lane "restrict": restriction of processing (GDPR art. 18). `restrictions` keeps every
 * restriction and its lifting (the reasons sealed with the person's key); the two flags are what
 * the doors read on every request, so that a restricted person or case costs no join: `persons.
 * restricted` when the person (and so all their cases) is restricted, `accompaniments.restricted`
 * when the case is, through its client, the person it concerns, or on its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('restrictions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    // Null: the person and every case of theirs; otherwise this one case only.
    .addColumn('accompaniment_id', 'text', (c) => c.references('accompaniments.id'))
    .addColumn('request_id', 'text')
    .addColumn('reason_sealed', 'text', (c) => c.notNull())
    .addColumn('restricted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('restricted_at', 'text', (c) => c.notNull())
    .addColumn('lift_reason_sealed', 'text')
    .addColumn('lifted_by', 'text', (c) => c.references('users.id'))
    .addColumn('lifted_at', 'text')
    .execute()
  await db.schema.createIndex('restrictions_person').on('restrictions').columns(['person_id', 'restricted_at']).execute()
  await db.schema
    .alterTable('persons')
    .addColumn('restricted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('accompaniments')
    .addColumn('restricted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}
