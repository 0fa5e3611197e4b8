import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('title_sealed', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('tasks_assignee').on('tasks').columns(['assignee_id', 'status', 'due_date']).execute()
  await db.schema.createIndex('tasks_acc').on('tasks').columns(['accompaniment_id', 'due_date']).execute()
}
