import type { Kysely } from 'kysely'

/**
 * Issue 13: retention schedules (one row per record kind, set by the DPO with the legal reason;
 * a kind without a row has no term yet) and legal holds on cases (an ongoing judicial procedure
 * suspends retention for that case until lifted, with a review date). A hold's reasons are
 * sealed with the case client's key: they may name the procedure.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_schedules')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('months', 'integer')
    .addColumn('legal_reason', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('review_on', 'text', (c) => c.notNull())
    .addColumn('reason_sealed', 'text', (c) => c.notNull())
    .addColumn('lift_reason_sealed', 'text')
    .addColumn('placed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('lifted_by', 'text', (c) => c.references('users.id'))
    .addColumn('lifted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('legal_holds_case').on('legal_holds').column('accompaniment_id').execute()
}
