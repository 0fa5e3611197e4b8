import type { Kysely } from 'kysely'

/**
 * Issue 13: a retention run is a snapshot of what was due when it was proposed (by the daily job
 * or the DPO), carried out only once the DPO approved it. Its items hold ids, kinds and outcomes,
 * never a name; its report holds counts per kind. Unlinked contacts and closed requests are
 * anonymised in place: `anonymised_at` marks them so that they are not due again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('proposed_by', 'text', (c) => c.references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('executed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('retention_runs_status').on('retention_runs').column('status').execute()
  await db.schema
    .createTable('retention_run_items')
    .addColumn('run_id', 'text', (c) => c.notNull().references('retention_runs.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('skip_reason', 'text')
    .addPrimaryKeyConstraint('retention_run_items_pk', ['run_id', 'item_id'])
    .execute()
  await db.schema.alterTable('contacts').addColumn('anonymised_at', 'text').execute()
  await db.schema.alterTable('dpo_requests').addColumn('anonymised_at', 'text').execute()
}
