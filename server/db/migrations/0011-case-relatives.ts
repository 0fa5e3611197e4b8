import type { Kysely } from 'kysely'

/**
 * Relatives involved in a case: who they are to the client (sealed with the client's key, since
 * it is the client's file), how they take part, and whether the client agreed to it. A relative
 * who is also registered (and perhaps accompanied in their own right) is linked by person id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_relatives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('name_sealed', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('involvement', 'text', (c) => c.notNull())
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('consent_on', 'text')
    .addColumn('note_sealed', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_relatives_acc').on('case_relatives').columns(['accompaniment_id', 'created_at']).execute()
  await db.schema.createIndex('case_relatives_person').on('case_relatives').column('person_id').execute()
}
