import type { Kysely } from 'kysely'

/**
 * Issue 12, lane "finding things": the cases and persons each user opened last, so that the
 * global search can offer them again. Ids and a time only (no name, no code): what they are is
 * read, through the doors, when the list is shown. One row per user and subject; a user keeps
 * about ten (older rows are deleted as new ones come).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recent_views')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('viewed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recent_views_pk', ['user_id', 'subject_kind', 'subject_id'])
    .execute()
  await db.schema.createIndex('recent_views_user_recent').on('recent_views').columns(['user_id', 'viewed_at']).execute()
}
