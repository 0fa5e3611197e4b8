import type { Kysely } from 'kysely'

/**
 * Issue 13: a rectification is made by the case's worker through the normal screens; the request
 * keeps who marked it done and when, so that the DPO can answer the data subject and show the
 * supervisory authority who corrected what request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('dpo_requests')
    .addColumn('rectified_by', 'text', (c) => c.references('users.id'))
    .execute()
  await db.schema.alterTable('dpo_requests').addColumn('rectified_at', 'text').execute()
}
