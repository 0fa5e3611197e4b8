import { type Kysely, sql } from 'kysely'

/**
 * A data-subject request's code begins with D- (it began with R-, as a referral's does): a worker
 * or the DPO reading "R-…" could not tell which register it belongs to. The rest of the code is
 * kept: the eight characters a letter already sent quotes stay the request's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update dpo_requests set code = 'D' || substr(code, 2) where code like 'R-%'`.execute(db)
}
