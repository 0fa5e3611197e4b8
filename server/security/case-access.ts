import type { ExpressionBuilder, Insertable, Selectable } from 'kysely'
import type { Database } from '../db/schema'
import type { Actor, Trx } from '../http/context'
import { fail } from '../http/errors'
import { CASE_COLUMNS, CASE_QUERIES, type CaseRow, type CaseRowValues, type CaseTable } from './case-tables'

// Behind the door, on a case already opened: kept in their own file, re-exported here.
export { missOrStale, recordOpened } from './case-opened-rows'

/**
 * The one place that says who may see a case, and the only way to reach a case's rows.
 *
 * Who: the case's workers (primary and co-workers), the lead of its team, and the holder of an
 * unexpired break-the-glass grant. Intake opens cases but reads none; admins, the DPO, partners
 * and researchers read no case content.
 *
 * The rule has two written forms, kept together so that they cannot drift apart (a test runs
 * both over random data and compares): the row form `visibleTo`, for one case found by its id,
 * and the set form `visibleIn`, for lists, which starts from the caller's own index ranges. An
 * OR of EXISTS across tables can't be served by an index, so the row form over a whole table
 * reads every case in it.
 *
 * Modules never name a case table in a query of their own (ESLint refuses it in
 * `server/modules/**`): they open a case with `openCase` (or through `defineCaseRoute`) and
 * reach its rows with `rowsOf`, `insertRows`, `updateRows` and `deleteRows`; or they list across
 * cases with `visibleCases` and `visibleRows`. A new case comes from `insertCase`, and breaking
 * the glass writes through `caseOutsideGrant` and `insertOutsideRows`. The queries these run on a
 * case table are written out per table in `case-tables.ts`, so that each keeps its table's types.
 */

export { CASE_COLUMNS, CASE_TABLES, type CaseRow, type CaseTable } from './case-tables'

type CaseEb = ExpressionBuilder<any, 'accompaniments'>

const isLead = (actor: Actor) => actor.roles.includes('lead') && actor.teamIds.length > 0

/** The row form: whether this case (the `accompaniments` row in scope) is visible to the actor. */
export function visibleTo(actor: Actor, now = new Date().toISOString()) {
  return (eb: CaseEb) => {
    const conditions = [
      eb.exists(
        eb
          .selectFrom('accompaniment_workers as vw')
          .select('vw.user_id')
          .whereRef('vw.accompaniment_id', '=', 'accompaniments.id')
          .where('vw.user_id', '=', actor.userId),
      ),
      eb.exists(
        eb
          .selectFrom('access_grants as vg')
          .select('vg.id')
          .whereRef('vg.accompaniment_id', '=', 'accompaniments.id')
          .where('vg.user_id', '=', actor.userId)
          .where('vg.expires_at', '>', now),
      ),
    ]
    if (isLead(actor)) conditions.push(eb('accompaniments.team_id', 'in', actor.teamIds))
    return eb.or(conditions)
  }
}

/** The set form: the case's id is among those the actor reaches through assignments, live grants and led teams. */
export function visibleIn(actor: Actor, now = new Date().toISOString()) {
  return (eb: CaseEb) => {
    let ids = ownIds(eb, actor, now)
    if (isLead(actor)) ids = ids.unionAll(eb.selectFrom('accompaniments as va').select('va.id').where('va.team_id', 'in', actor.teamIds))
    return eb('accompaniments.id', 'in', ids)
  }
}

/** The ids of the cases the actor reaches as their worker or through a live grant (not through a team). */
function ownIds(eb: ExpressionBuilder<any, any>, actor: Actor, now: string) {
  return eb
    .selectFrom('accompaniment_workers as vw')
    .select('vw.accompaniment_id as id')
    .where('vw.user_id', '=', actor.userId)
    .unionAll(
      eb
        .selectFrom('access_grants as vg')
        .select('vg.accompaniment_id as id')
        .where('vg.user_id', '=', actor.userId)
        .where('vg.expires_at', '>', now),
    )
}

/** A subset of the visible cases: those the actor works on (primary or co-worker). */
function assignedTo(actor: Actor) {
  return (eb: CaseEb) =>
    eb(
      'accompaniments.id',
      'in',
      eb.selectFrom('accompaniment_workers as aw').select('aw.accompaniment_id').where('aw.user_id', '=', actor.userId),
    )
}

/** How the actor came to see a case: the strongest reason wins. */
export type CaseAccess = 'assigned' | 'lead' | 'emergency'

/**
 * What a case was opened for. `read`: any visible case. `change`: its content, by its workers or
 * its team lead, while it is not closed. `manage`: its lifecycle and assignment, by its workers
 * or its lead, in any status (reopening acts on a closed case).
 */
export type Need = 'read' | 'change' | 'manage'

declare const opened: unique symbol
/** A case that went through the door. Only `openCase` makes one; commands ask for it by type. */
export type OpenedCase<N extends Need = Need> = CaseRow & { readonly access: CaseAccess; readonly [opened]: N }
export type ChangeableCase = OpenedCase<'change'>
export type ManageableCase = OpenedCase<'change' | 'manage'>

/**
 * Opens one case for the actor: 404 when they may not see it (whether or not it exists), 403 when
 * they see it through break-the-glass and want more than to read, 409 when they want to change
 * the content of a closed case.
 */
export async function openCase<N extends Need>(trx: Trx, actor: Actor, id: string, need: N): Promise<OpenedCase<N>> {
  const row = await trx
    .selectFrom('accompaniments')
    .select(CASE_COLUMNS)
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('accompaniment_workers as aw')
            .select('aw.user_id')
            .whereRef('aw.accompaniment_id', '=', 'accompaniments.id')
            .where('aw.user_id', '=', actor.userId),
        )
        .as('assigned'),
    )
    .where('accompaniments.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const { assigned, ...caseRow } = row
  const access: CaseAccess = truthy(assigned) ? 'assigned' : isLead(actor) && actor.teamIds.includes(row.team_id) ? 'lead' : 'emergency'
  if (need !== 'read' && access === 'emergency') throw fail('access.forbidden')
  if (need === 'change' && row.status === 'closed') throw fail('state.invalid_transition')
  return { ...caseRow, access } as OpenedCase<N>
}

/** How the actor came to see each of these visible cases (for lists). */
export async function accessOf(trx: Trx, actor: Actor, rows: { id: string; team_id: string }[]): Promise<Map<string, CaseAccess>> {
  const ids = rows.map((r) => r.id)
  const assigned = ids.length
    ? new Set(
        (
          await trx
            .selectFrom('accompaniment_workers')
            .select('accompaniment_id')
            .where('user_id', '=', actor.userId)
            .where('accompaniment_id', 'in', ids)
            .execute()
        ).map((r) => r.accompaniment_id),
      )
    : new Set<string>()
  const led = isLead(actor) ? new Set(actor.teamIds) : new Set<string>()
  return new Map(rows.map((r) => [r.id, assigned.has(r.id) ? 'assigned' : led.has(r.team_id) ? 'lead' : 'emergency']))
}

declare const outside: unique symbol
/** A case found for breaking the glass: it exists, and the actor does not see it. Only `caseOutsideGrant` makes one. */
export type OutsideCase = { readonly id: string; readonly person_id: string; readonly code: string; readonly [outside]: true }

/**
 * Break the glass: the case must exist and must not be visible already (a worker does not break
 * the glass on their own case). Answers the case's id, client and code (the code tells its workers).
 */
export async function caseOutsideGrant(trx: Trx, actor: Actor, id: string): Promise<OutsideCase> {
  const row = await trx
    .selectFrom('accompaniments')
    .select(['accompaniments.id', 'accompaniments.person_id', 'accompaniments.code'])
    .select((eb) => visibleTo(actor)(eb).as('visible'))
    .where('accompaniments.id', '=', id)
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (truthy(row.visible)) throw fail('access.already_granted')
  return { id: row.id, person_id: row.person_id, code: row.code } as OutsideCase
}

/**
 * Breaking the glass writes on a case the actor cannot open yet: the grant, and the timeline
 * event that says so. Nothing else is written through an outside case.
 */
export async function insertOutsideRows<T extends 'access_grants' | 'accompaniment_events'>(
  trx: Trx,
  acc: OutsideCase,
  table: T,
  values: CaseRowValues<T>,
): Promise<void> {
  await CASE_QUERIES[table].insert(trx, acc.id, [values]).execute()
}

// ---- Break-the-glass grants, for their reviewers ------------------------------------------------

/**
 * The grants a reviewer is shown, newest first: a lead those on the cases of the teams they lead,
 * the DPO every one. With each, the case's code and client (whose key opens the sealed reason).
 */
export async function reviewableGrants(trx: Trx, actor: Actor, limit = 200) {
  const all = actor.roles.includes('dpo')
  if (!all && !isLead(actor)) return []
  let q = trx
    .selectFrom('access_grants')
    .innerJoin('accompaniments', 'accompaniments.id', 'access_grants.accompaniment_id')
    .innerJoin('users', 'users.id', 'access_grants.user_id')
    .select([
      'access_grants.id',
      'access_grants.accompaniment_id',
      'accompaniments.code',
      'accompaniments.person_id',
      'access_grants.user_id',
      'users.display_name',
      'access_grants.reason_sealed',
      'access_grants.granted_at',
      'access_grants.expires_at',
    ])
  if (!all) q = q.where('accompaniments.team_id', 'in', actor.teamIds)
  return q.orderBy('access_grants.granted_at', 'desc').limit(limit).execute()
}

/** SQLite answers booleans as 0/1, PostgreSQL as true/false. */
const truthy = (v: unknown) => v === true || v === 1 || v === '1'

// ---- Rows of one opened case ------------------------------------------------------------------

/** Rows of a case table that belong to this case. */
export function rowsOf<T extends CaseTable>(trx: Trx, acc: OpenedCase, table: T) {
  return CASE_QUERIES[table].rows(trx, acc.id)
}

declare const created: unique symbol
/** A case this transaction has just created. Only `insertCase` makes one. */
export type CreatedCase = { readonly id: string; readonly person_id: string; readonly [created]: true }

/**
 * Opens a new case: inserts its row and answers it for its first rows (the event of its opening),
 * in the same transaction, whether or not its creator will see it afterwards: intake opens cases
 * it does not read.
 */
export async function insertCase(trx: Trx, values: Insertable<Database['accompaniments']>): Promise<CreatedCase> {
  await trx.insertInto('accompaniments').values(values).execute()
  return { id: values.id, person_id: values.person_id } as CreatedCase
}

/** Inserts rows into a case table, on this case: the case id is the door's, not the caller's. */
export async function insertRows<T extends CaseTable>(
  trx: Trx,
  acc: ManageableCase | CreatedCase,
  table: T,
  values: CaseRowValues<T> | CaseRowValues<T>[],
): Promise<void> {
  const rows = Array.isArray(values) ? values : [values]
  if (rows.length) await CASE_QUERIES[table].insert(trx, acc.id, rows).execute()
}

/** An update of rows of a case table, limited to this case. */
export function updateRows<T extends CaseTable>(trx: Trx, acc: ManageableCase, table: T) {
  return CASE_QUERIES[table].update(trx, acc.id)
}

/** A deletion of rows of a case table, limited to this case. */
export function deleteRows<T extends CaseTable>(trx: Trx, acc: ChangeableCase, table: T) {
  return CASE_QUERIES[table].delete(trx, acc.id)
}

/** An update of the case's own row (status, details, version), limited to this case. */
export function updateCase(trx: Trx, acc: ManageableCase) {
  return trx.updateTable('accompaniments').where('accompaniments.id', '=', acc.id)
}

// ---- Lists across cases -------------------------------------------------------------------------

/**
 * A list scope. `all`: every case the actor may see. `assigned`: the ones they work on. `team`:
 * every case of a team the actor leads (the same cases `visibleIn` gives a lead, read from the
 * team's index); a team they do not lead is 404, like any object they may not see.
 */
export type Scope = { all: true } | { assigned: true } | { team: string }

/** The accompaniments of a scope, to select from (and join onto). */
export function visibleCases(trx: Trx, actor: Actor, scope: Scope = { all: true }) {
  const q = trx.selectFrom('accompaniments')
  if ('team' in scope) {
    if (!isLead(actor) || !actor.teamIds.includes(scope.team)) throw fail('resource.not_found')
    return q.where('accompaniments.team_id', '=', scope.team)
  }
  return q.where('assigned' in scope ? assignedTo(actor) : visibleIn(actor))
}

/** A page of a list ordered most recently changed first, narrowed by status, kind, framework, case code, worker or client. */
export type CasePage = Partial<Pick<Selectable<Database['accompaniments']>, 'status' | 'kind' | 'framework' | 'code'>> & {
  workerId?: string
  /** Cases of these clients only (a name search's answer; an empty list matches no case). */
  personIds?: string[]
  limit: number
  offset: number
}

/**
 * A page of the cases the actor may see, most recently changed first (then by id: pages neither
 * overlap nor skip), to select columns from; and how many there are. For a lead the set form would
 * sort the whole team (5,000 row look-ups, for the page and again for the count); but a page holds
 * at most the team's `offset + limit` most recent cases (index accompaniments_team_recent), with the
 * few the lead reaches otherwise. The total is the team's count (from the index) plus those others
 * outside it. case-page.api.test.ts holds both to the set form.
 */
export function visiblePage(trx: Trx, actor: Actor, page: CasePage, now = new Date().toISOString()) {
  // The filters, applied alike to the team's recent cases, the page and the counts (`alias` is the
  // accompaniments alias of each), so that a filtered page is still the set form's, filtered.
  const filtered = <Q extends { where: (...a: any[]) => Q }>(q: Q, col: string) => {
    const alias = col.slice(0, col.lastIndexOf('.'))
    let out = page.status ? q.where(col, '=', page.status) : q
    if (page.kind) out = out.where(`${alias}.kind`, '=', page.kind)
    if (page.framework) out = out.where(`${alias}.framework`, '=', page.framework)
    if (page.code) out = out.where(`${alias}.code`, '=', page.code)
    if (page.personIds) out = out.where(`${alias}.person_id`, 'in', page.personIds.length ? page.personIds : [''])
    const workerId = page.workerId
    if (workerId)
      out = out.where((eb: ExpressionBuilder<any, any>) =>
        eb(
          `${alias}.id`,
          'in',
          eb.selectFrom('accompaniment_workers as fw').select('fw.accompaniment_id').where('fw.user_id', '=', workerId),
        ),
      )
    return out
  }
  const lead = isLead(actor)
  const candidates = (eb: CaseEb) => {
    if (!lead) return visibleIn(actor, now)(eb)
    let ids = ownIds(eb, actor, now)
    for (const team of actor.teamIds) {
      const recent = filtered(eb.selectFrom('accompaniments as vr').select('vr.id').where('vr.team_id', '=', team), 'vr.status')
        .orderBy('vr.updated_at', 'desc')
        .orderBy('vr.id', 'desc')
        .limit(page.offset + page.limit)
      ids = ids.unionAll(eb.selectFrom(recent.as('vt')).select('vt.id'))
    }
    return eb('accompaniments.id', 'in', ids)
  }
  const rows = filtered(trx.selectFrom('accompaniments').where(candidates), 'accompaniments.status')
    .orderBy('accompaniments.updated_at', 'desc')
    .orderBy('accompaniments.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
  const total = async () => {
    const { team, others } = await trx
      .selectNoFrom((eb) => [
        lead
          ? filtered(eb.selectFrom('accompaniments as vt').where('vt.team_id', 'in', actor.teamIds), 'vt.status')
              .select(eb.fn.countAll<number>().as('n'))
              .as('team')
          : eb.lit(0).as('team'),
        filtered(eb.selectFrom('accompaniments as vo').where('vo.id', 'in', ownIds(eb, actor, now)), 'vo.status')
          .$if(lead, (q) => q.where('vo.team_id', 'not in', actor.teamIds))
          .select(eb.fn.countAll<number>().as('n'))
          .as('others'),
      ])
      .executeTakeFirstOrThrow()
    return Number(team) + Number(others)
  }
  return { rows, total }
}

/** Rows of a case table across the cases of a scope, joined to their case (`accompaniments.*` in reach). */
export function visibleRows<T extends CaseTable>(trx: Trx, actor: Actor, table: T, scope: Scope = { all: true }) {
  return CASE_QUERIES[table].joined(visibleCases(trx, actor, scope))
}

// ---- Persons through cases ----------------------------------------------------------------------

/** Whether the actor may read a person (the `persons` row in scope) through one of their visible cases. */
export function personReachableThroughCase(actor: Actor) {
  return (eb: ExpressionBuilder<any, 'persons'>) =>
    eb.exists(
      eb
        .selectFrom('accompaniments')
        .select('accompaniments.id')
        .where((inner) =>
          inner.or([
            inner('accompaniments.person_id', '=', inner.ref('persons.id')),
            inner('accompaniments.concerned_person_id', '=', inner.ref('persons.id')),
          ]),
        )
        .where(visibleTo(actor)),
    )
}
