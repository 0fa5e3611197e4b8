import type { Kysely } from 'kysely'

/**
 * Facts about the installation itself, one value per key (never about a person): which version
 * of the keyed name index the stored search keys were made with, so that start-up knows when
 * they must be made again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('system_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}
