import { type Kysely, sql } from 'kysely'

/**
 * Issue 12, "decisions with their context".
 *
 * `instruments.client_kinds`: the kinds of case (`concerned`, `relative`, `professional`) an
 * instrument is answered on, a JSON array. Instruments an organisation made before this migration
 * keep being offered on every kind. Built-in ones are left null here: the installer gives each its
 * default from code on the next start-up, only while still null, so that an admin's choice is
 * never overwritten by a restart.
 * `instruments.version`: the instrument's own settings change under If-Match.
 *
 * `assessments.updated_by`: who made the last change to an answer set, shown with its time when
 * the set is read. Until now only the author was kept: existing sets take their author.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('instruments').addColumn('client_kinds', 'text').execute()
  await db.schema
    .alterTable('instruments')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await sql`update instruments set client_kinds = ${JSON.stringify(['concerned', 'relative', 'professional'])} where built_in = 0`.execute(
    db,
  )
  await db.schema
    .alterTable('assessments')
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute()
  await sql`update assessments set updated_by = created_by`.execute(db)
}
