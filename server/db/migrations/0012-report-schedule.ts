import type { Kysely } from 'kysely'

/**
 * How often the mandating authority expects a report, in months: with the date of the last
 * report sent, it tells the worker when the next one is due.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accompaniments').addColumn('report_every_months', 'integer').execute()
}
