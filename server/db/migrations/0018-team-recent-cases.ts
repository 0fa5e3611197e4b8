import type { Kysely } from 'kysely'

/**
 * A team's cases, most recently changed first: a lead's caseload is a page of them (plus the few
 * cases the lead reaches otherwise), so the page is read from the head of this index instead of
 * collecting and sorting the whole team (5,000 cases at a national service's scale, see
 * `npm run bench -- caseload`). The status is in the index so that a page filtered by status
 * walks the index alone; `id` breaks ties between cases changed at the same instant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('accompaniments_team_recent')
    .on('accompaniments')
    .columns(['team_id', 'updated_at', 'id', 'status'])
    .execute()
}
