import type { Kysely } from 'kysely'

/**
 * Issue 13: an export's archive is given once, and the register says to whom, as it says who
 * asked for it. Archives downloaded before this column existed keep a null downloader.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dpo_exports').addColumn('downloaded_by', 'text').execute()
}
