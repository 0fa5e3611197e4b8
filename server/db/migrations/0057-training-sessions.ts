import type { Kysely } from 'kysely'

/**
 * Issue 14: the team's training and awareness log (sessions the service gave to schools,
 * professionals, associations, the public). Title, organisation and note are about the service's
 * work, yet a slip may quote someone: each is sealed under a master-derived key, like practice
 * notes. Duration in minutes (whole quarters of an hour), so both engines store an integer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('training_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('title_sealed', 'text', (c) => c.notNull())
    .addColumn('organisation_sealed', 'text')
    .addColumn('note_sealed', 'text')
    .addColumn('participants', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  // The log and the report read a team's sessions by date.
  await db.schema.createIndex('training_sessions_team_held').on('training_sessions').columns(['team_id', 'held_on', 'id']).execute()
}
