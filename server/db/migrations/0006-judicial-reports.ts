import type { Kysely } from 'kysely'

/** Reports sent to a mandating authority: what was sent (frozen), to whom, when. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('judicial_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('content_sealed', 'text', (c) => c.notNull())
    .addColumn('recipient_sealed', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('judicial_reports_acc').on('judicial_reports').columns(['accompaniment_id', 'sent_at']).execute()
}
