import type { Kysely } from 'kysely'

/**
 * What a referral shares beyond whole fields (issue 11): the documents of the case the worker
 * ticked and the plan goals judged relevant, as their ids in JSON text. Ids only, no content: what
 * the partner gets of them is copied into the sealed copy when the referral is sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('referrals').addColumn('selection', 'text').execute()
}
