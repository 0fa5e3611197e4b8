import type { Kysely } from 'kysely'

/**
 * Issue 14's figures read a team's cases whole (20,000 at a national service's scale, see
 * `npm run bench -- indicators`). Each index below holds every column its query reads, so that
 * the figures walk indexes and never the rows, whose sealed columns make them many pages:
 * - a team's counted cases with what is counted of them;
 * - each case's events by type, so that its approved closures (the few among its hundreds of
 *   timeline events) give its closing instant without reading the others (the extract's too);
 * - a case's sessions by start with their status (the indicator's sessions, the extract's held).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('accompaniments_team_counted')
    .on('accompaniments')
    .columns(['team_id', 'restricted', 'created_at', 'kind', 'framework', 'status', 'closure_outcome', 'id'])
    .execute()
  await db.schema
    .createIndex('accompaniment_events_acc_type')
    .on('accompaniment_events')
    .columns(['accompaniment_id', 'type', 'at'])
    .execute()
  await db.schema.createIndex('case_sessions_acc_status').on('case_sessions').columns(['accompaniment_id', 'starts_at', 'status']).execute()
}
