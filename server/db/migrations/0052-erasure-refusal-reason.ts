import type { Kysely } from 'kysely'

/**
 * Issue 13: a refused erasure says why, as one of the grounds GDPR art. 17(3) and 12(5) allow
 * (a code, never free text: the row outlives the person's key and must hold nothing about them).
 * Refusals made before this column existed keep a null reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('erasures').addColumn('refusal_reason', 'text').execute()
}
