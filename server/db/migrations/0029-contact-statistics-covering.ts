import { type Kysely, sql } from 'kysely'

/**
 * The lead's contact statistics read every contact of the period (twelve weeks by default: some
 * 23,000 rows on a line of 500,000 contacts over five years). Through `contacts_occurred` each row
 * costs a lookup in the table; these two indexes hold every column the two aggregate reads use
 * (security/contact-access.ts `contactCounts`), so both engines answer from the index alone.
 * The second is partial: only contacts called back or flagged in danger, a small share of the line.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('contacts_statistics')
    .on('contacts')
    .columns(['occurred_at', 'channel', 'caller_kind', 'orientation', 'themes'])
    .execute()
  await db.schema
    .createIndex('contacts_statistics_timed')
    .on('contacts')
    .columns(['occurred_at', 'called_back_at', 'danger_at', 'danger_acknowledged_at'])
    .where(sql.raw('called_back_at is not null or danger_at is not null') as never)
    .execute()
}
