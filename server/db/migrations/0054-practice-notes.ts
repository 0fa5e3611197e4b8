import type { Kysely } from 'kysely'

/**
 * Issue 14: practice notes and their comments. Notes are the service's, not a team's: practice is
 * compared across teams, and the evidence a note links (an indicator view) names its own team.
 * Title, body and comments are about practice, yet a slip may quote someone: each is sealed under
 * a master-derived key, like the breach register's text. Themes and life domains are JSON arrays
 * of codes; the evidence is the parameters of an indicator view, never its figures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('practice_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title_sealed', 'text', (c) => c.notNull())
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('life_domains', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  // The list reads the newest first.
  await db.schema.createIndex('practice_notes_created').on('practice_notes').columns(['created_at', 'id']).execute()

  await db.schema
    .createTable('practice_note_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('note_id', 'text', (c) => c.notNull().references('practice_notes.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('body_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('practice_note_comments_note').on('practice_note_comments').columns(['note_id', 'created_at']).execute()
}
