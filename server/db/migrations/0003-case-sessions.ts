import type { Kysely } from 'kysely'

/** Sessions (entretiens) of an accompaniment. Named case_sessions: `sessions` are sign-in sessions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('modality', 'text', (c) => c.notNull())
    .addColumn('place_sealed', 'text')
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('attendance', 'text')
    .addColumn('notes_sealed', 'text')
    .addColumn('worker_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_sessions_acc').on('case_sessions').columns(['accompaniment_id', 'starts_at']).execute()
  await db.schema.createIndex('case_sessions_worker').on('case_sessions').columns(['worker_id', 'starts_at']).execute()
}
