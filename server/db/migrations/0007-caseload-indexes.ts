import type { Kysely } from 'kysely'
import type { DbKind } from '../database'

/**
 * Indexes for the caseload and the lead's dashboard at the scale of a national service (200,000
 * cases, see `npm run bench -- caseload`). A team's cases are spread over the whole table, one
 * heap page each, so any count that has to visit the rows reads a page per case: these make the
 * dashboard's counts and joins answerable from the index alone.
 */
export async function up(db: Kysely<unknown>, _kind: DbKind): Promise<void> {
  // Counts of the team's open cases by status, kind and framework, mandates ending soon, and the
  // ids that join them to their workers and tasks (also the ids a lead's caseload starts from);
  // the code, so that the lists of overdue tasks and ending mandates need no row either.
  await db.schema
    .createIndex('accompaniments_team_cover')
    .on('accompaniments')
    .columns(['team_id', 'status', 'kind', 'framework', 'mandate_end', 'id', 'code'])
    .execute()
  // The primary worker of each case, read from the index: the primary key does not hold the role.
  await db.schema
    .createIndex('accompaniment_workers_case_role')
    .on('accompaniment_workers')
    .columns(['accompaniment_id', 'role', 'user_id'])
    .execute()
  // Open tasks of a case past their due date, with their assignee: the dashboard's overdue tasks.
  await db.schema
    .createIndex('tasks_acc_open')
    .on('tasks')
    .columns(['accompaniment_id', 'status', 'due_date', 'assignee_id', 'id'])
    .execute()
}
