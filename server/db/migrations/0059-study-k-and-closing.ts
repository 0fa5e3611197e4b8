import type { Kysely } from 'kysely'

/**
 * Issue 14: each study names its own k (at least the service's 5: an ethics committee may ask
 * for more, never for less), a study can be closed (by whom, when), and an extract's files are
 * deleted once its study has closed or ended: the register row stays (who, when, what, how many)
 * with the instant its files went.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('studies')
    .addColumn('k', 'integer', (c) => c.notNull().defaultTo(5))
    .execute()
  await db.schema.alterTable('studies').addColumn('closed_by', 'text').execute()
  await db.schema.alterTable('studies').addColumn('closed_at', 'text').execute()
  await db.schema.alterTable('study_extracts').addColumn('purged_at', 'text').execute()
}
