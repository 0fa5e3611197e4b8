import { type Kysely, sql } from 'kysely'

/**
 * A case's closing instant as a column (issue 14). The indicators found it as the latest approved
 * closure among a case's timeline events: a join and a grouping over a team's 20,000 cases, run by
 * three of the indicator page's statements (about 50 ms each at that size on SQLite). The lifecycle
 * sets it when a lead approves a closure and clears it on reopening, in the same write as the
 * status; existing closed cases get it from their events here. The team's counted-cases index
 * holds it, so that the figures read the index alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accompaniments').addColumn('closed_at', 'text').execute()
  await backfillClosedAt(db)
  await db.schema.dropIndex('accompaniments_team_counted').execute()
  await db.schema
    .createIndex('accompaniments_team_counted')
    .on('accompaniments')
    .columns(['team_id', 'restricted', 'created_at', 'kind', 'framework', 'status', 'closure_outcome', 'closed_at', 'id'])
    .execute()
}

/** Each closed case's latest approved closure (a reopened case was closed again later). */
export async function backfillClosedAt(db: Kysely<any>): Promise<void> {
  await sql`update accompaniments set closed_at = (
      select max(e.at) from accompaniment_events e where e.accompaniment_id = accompaniments.id and e.type = 'approve_closure'
    ) where status = 'closed'`.execute(db)
}
