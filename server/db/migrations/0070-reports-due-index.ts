import type { Kysely } from 'kysely'

/**
 * The daily notices (modules/notifications/notifications.schedule.ts) look for judicial cases
 * whose report to the authority falls due (security/case-notices.ts, reportsDue). No index began
 * with the framework, so that statement read the whole cases table, every row with its sealed
 * columns: at 120,000 cases, about 60 MB of pages read at each start-up and each day, the SQLite
 * page cache filled with them (the built server's idle RSS 229 → 165 MB with a 2 MB cache), and
 * on SQLite the service's other requests waiting meanwhile. Open judicial cases with a reporting
 * rhythm are now a range of this index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('accompaniments_reports_due')
    .on('accompaniments')
    .columns(['framework', 'status', 'report_every_months'])
    .execute()
}
