import type {
  DeleteQueryBuilder,
  DeleteResult,
  InsertQueryBuilder,
  InsertResult,
  Insertable,
  Selectable,
  SelectQueryBuilder,
  UpdateQueryBuilder,
  UpdateResult,
} from 'kysely'
import type { Database } from '../db/schema'
import type { Trx } from '../http/context'

/** Tables whose rows belong to one case (each has `accompaniment_id`). */
export const CASE_TABLES = [
  'accompaniment_events',
  'access_grants',
  'case_sessions',
  'tasks',
  'documents',
  'judicial_reports',
  'assessments',
  'plan_versions',
  'trajectory_events',
  'case_relatives',
  'network_snapshots',
  'case_opens',
  'case_progress_facts',
] as const satisfies readonly (keyof Database)[]
export type CaseTable = (typeof CASE_TABLES)[number]

/** A row of a case table as the caller gives it: the case it belongs to is the door's to set. */
export type CaseRowValues<T extends CaseTable> = Omit<Insertable<Database[T]>, 'accompaniment_id'>

type Queries<T extends CaseTable> = {
  rows: (trx: Trx, caseId: string) => SelectQueryBuilder<Database, T, {}>
  insert: (trx: Trx, caseId: string, rows: CaseRowValues<T>[]) => InsertQueryBuilder<Database, T, InsertResult>
  update: (trx: Trx, caseId: string) => UpdateQueryBuilder<Database, T, T, UpdateResult>
  delete: (trx: Trx, caseId: string) => DeleteQueryBuilder<Database, T, DeleteResult>
  joined: (cases: SelectQueryBuilder<Database, 'accompaniments', {}>) => SelectQueryBuilder<Database, 'accompaniments' | T, {}>
}

/**
 * The queries that reach a case's rows, written out for each case table. Kysely cannot name a
 * column of a table chosen by a type parameter (`${T}.accompaniment_id`), so each table has its
 * own lines here, checked by the compiler, and `case-access.ts` picks those of the table asked
 * for (`CASE_QUERIES[table]`): a module that names `tasks` gets the types of tasks back, with no
 * cast in between. A new case table fails to compile until it has its lines.
 */
export const CASE_QUERIES: { [T in CaseTable]: Queries<T> } = {
  accompaniment_events: {
    rows: (trx, id) => trx.selectFrom('accompaniment_events').where('accompaniment_events.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('accompaniment_events').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('accompaniment_events').where('accompaniment_events.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('accompaniment_events').where('accompaniment_events.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('accompaniment_events', 'accompaniment_events.accompaniment_id', 'accompaniments.id'),
  },
  access_grants: {
    rows: (trx, id) => trx.selectFrom('access_grants').where('access_grants.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('access_grants').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('access_grants').where('access_grants.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('access_grants').where('access_grants.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('access_grants', 'access_grants.accompaniment_id', 'accompaniments.id'),
  },
  case_sessions: {
    rows: (trx, id) => trx.selectFrom('case_sessions').where('case_sessions.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('case_sessions').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('case_sessions').where('case_sessions.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('case_sessions').where('case_sessions.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('case_sessions', 'case_sessions.accompaniment_id', 'accompaniments.id'),
  },
  tasks: {
    rows: (trx, id) => trx.selectFrom('tasks').where('tasks.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('tasks').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('tasks').where('tasks.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('tasks').where('tasks.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('tasks', 'tasks.accompaniment_id', 'accompaniments.id'),
  },
  documents: {
    rows: (trx, id) => trx.selectFrom('documents').where('documents.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('documents').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('documents').where('documents.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('documents').where('documents.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('documents', 'documents.accompaniment_id', 'accompaniments.id'),
  },
  judicial_reports: {
    rows: (trx, id) => trx.selectFrom('judicial_reports').where('judicial_reports.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('judicial_reports').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('judicial_reports').where('judicial_reports.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('judicial_reports').where('judicial_reports.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('judicial_reports', 'judicial_reports.accompaniment_id', 'accompaniments.id'),
  },
  assessments: {
    rows: (trx, id) => trx.selectFrom('assessments').where('assessments.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('assessments').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('assessments').where('assessments.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('assessments').where('assessments.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('assessments', 'assessments.accompaniment_id', 'accompaniments.id'),
  },
  plan_versions: {
    rows: (trx, id) => trx.selectFrom('plan_versions').where('plan_versions.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('plan_versions').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('plan_versions').where('plan_versions.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('plan_versions').where('plan_versions.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('plan_versions', 'plan_versions.accompaniment_id', 'accompaniments.id'),
  },
  trajectory_events: {
    rows: (trx, id) => trx.selectFrom('trajectory_events').where('trajectory_events.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('trajectory_events').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('trajectory_events').where('trajectory_events.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('trajectory_events').where('trajectory_events.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('trajectory_events', 'trajectory_events.accompaniment_id', 'accompaniments.id'),
  },
  case_relatives: {
    rows: (trx, id) => trx.selectFrom('case_relatives').where('case_relatives.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('case_relatives').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('case_relatives').where('case_relatives.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('case_relatives').where('case_relatives.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('case_relatives', 'case_relatives.accompaniment_id', 'accompaniments.id'),
  },
  network_snapshots: {
    rows: (trx, id) => trx.selectFrom('network_snapshots').where('network_snapshots.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('network_snapshots').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('network_snapshots').where('network_snapshots.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('network_snapshots').where('network_snapshots.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('network_snapshots', 'network_snapshots.accompaniment_id', 'accompaniments.id'),
  },
  case_opens: {
    rows: (trx, id) => trx.selectFrom('case_opens').where('case_opens.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('case_opens').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('case_opens').where('case_opens.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('case_opens').where('case_opens.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('case_opens', 'case_opens.accompaniment_id', 'accompaniments.id'),
  },
  case_progress_facts: {
    rows: (trx, id) => trx.selectFrom('case_progress_facts').where('case_progress_facts.accompaniment_id', '=', id),
    insert: (trx, id, rows) => trx.insertInto('case_progress_facts').values(rows.map((r) => ({ ...r, accompaniment_id: id }))),
    update: (trx, id) => trx.updateTable('case_progress_facts').where('case_progress_facts.accompaniment_id', '=', id),
    delete: (trx, id) => trx.deleteFrom('case_progress_facts').where('case_progress_facts.accompaniment_id', '=', id),
    joined: (cases) => cases.innerJoin('case_progress_facts', 'case_progress_facts.accompaniment_id', 'accompaniments.id'),
  },
}

/** The columns of a case's own row that a door answers (openCase). */
export const CASE_COLUMNS = [
  'accompaniments.id',
  'accompaniments.code',
  'accompaniments.kind',
  'accompaniments.person_id',
  'accompaniments.concerned_person_id',
  'accompaniments.concerned_status',
  'accompaniments.relationship',
  'accompaniments.team_id',
  'accompaniments.status',
  'accompaniments.framework',
  'accompaniments.measure',
  'accompaniments.authority_kind',
  'accompaniments.mandate_start',
  'accompaniments.mandate_end',
  'accompaniments.report_every_months',
  'accompaniments.authority_sealed',
  'accompaniments.conditions_sealed',
  'accompaniments.reporting_sealed',
  'accompaniments.summary_sealed',
  'accompaniments.closure_reason_sealed',
  'accompaniments.closure_outcome',
  'accompaniments.created_at',
  'accompaniments.updated_at',
  'accompaniments.version',
  'accompaniments.restricted',
] as const

type CaseColumn = (typeof CASE_COLUMNS)[number] extends `accompaniments.${infer C}` ? C : never
/** The case's row as selected (columns added later, like `report_every_months`, are typed as read). */
export type CaseRow = Pick<Selectable<Database['accompaniments']>, CaseColumn>
