import type { Kysely } from 'kysely'

/**
 * Issue 11: a declined referral carries a reason code beside its sealed free-text reason, so the
 * network's activity can count declines by reason (no capacity, outside the mission…) without
 * opening anyone's words. Referrals declined before this migration keep a null code: counted as
 * "not given".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('referrals').addColumn('decline_code', 'text').execute()
}
