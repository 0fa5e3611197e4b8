import type { Kysely } from 'kysely'

/**
 * Issue 14, action research: studies registered by a team's lead and decided by the DPO, and the
 * researchers named on each. A study holds texts about research and a list of variables from the
 * closed catalogue (JSON); no person's data. Nothing is extracted before approval or after the end.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('studies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('approving_body', 'text', (c) => c.notNull())
    .addColumn('approval_reference', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('variables', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('studies_team').on('studies').columns(['team_id', 'created_at']).execute()

  await db.schema
    .createTable('study_researchers')
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('study_researchers_pk', ['study_id', 'user_id'])
    .execute()
  // A researcher's list starts from their own rows.
  await db.schema.createIndex('study_researchers_user').on('study_researchers').columns(['user_id']).execute()
}
