import type { Kysely } from 'kysely'

/**
 * Casework details (issue 12): a task may be due at a time of day ("HH:MM", the service's local
 * time; null: any time that day); a document has a category from a fixed list (those stored
 * before it count as "other") and a version, since its category can now be changed (If-Match).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('due_time', 'text').execute()
  await db.schema
    .alterTable('documents')
    .addColumn('category', 'text', (c) => c.notNull().defaultTo('other'))
    .execute()
  await db.schema
    .alterTable('documents')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
}
