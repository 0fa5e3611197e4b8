import type { ExpressionBuilder, Selectable } from 'kysely'
import type { Database } from '../db/schema'
import type { Actor, Trx } from '../http/context'
import { fail } from '../http/errors'
import { assignedTo, type CaseEb, isLead, ownIds, visibleIn } from './case-access.rule'
import { CASE_QUERIES, type CaseTable } from './case-tables'
import { serviceToday } from '../time/service-day'

/** Lists across the cases an actor may see, behind the case door (case-access.ts): the set form of the rule. */

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
    return q.where('accompaniments.team_id', '=', scope.team).where('accompaniments.restricted', '=', 0)
  }
  return 'assigned' in scope ? q.where(assignedTo(actor)).where('accompaniments.restricted', '=', 0) : q.where(visibleIn(actor))
}

/**
 * The cases of one team, for figures that leave only as counts through the small-cell rule
 * (modules/indicators): its lead's; any team's for the DPO, who belongs to no team and reads no
 * case; and, for a researcher, the teams of the approved studies that name them, while the study
 * runs (its dates, in the service's days). Never a way to rows: a caller selects indexed columns
 * to count, and the route answers counts only. Restricted cases are left out, as from every
 * list. Anyone else: 404.
 */
export async function countedCases(trx: Trx, actor: Actor, team: string, today = serviceToday()) {
  const allowed =
    actor.roles.includes('dpo') ||
    (isLead(actor) && actor.teamIds.includes(team)) ||
    (actor.roles.includes('researcher') && (await researchTeams(trx, actor, today)).includes(team))
  if (!allowed) throw fail('resource.not_found')
  return trx.selectFrom('accompaniments').where('accompaniments.team_id', '=', team).where('accompaniments.restricted', '=', 0)
}

/** The teams of the approved studies naming this researcher that run on `today`. */
export async function researchTeams(trx: Trx, actor: Pick<Actor, 'userId' | 'roles'>, today = serviceToday()): Promise<string[]> {
  if (!actor.roles.includes('researcher')) return []
  const rows = await trx
    .selectFrom('studies')
    .innerJoin('study_researchers', 'study_researchers.study_id', 'studies.id')
    .where('study_researchers.user_id', '=', actor.userId)
    .where('studies.status', '=', 'approved')
    .where('studies.starts_on', '<=', today)
    .where('studies.ends_on', '>=', today)
    .select('studies.team_id')
    .distinct()
    .execute()
  return rows.map((r) => r.team_id)
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
    // A restricted case is on no page and in no count (its lead opens it by its id).
    let out = (page.status ? q.where(col, '=', page.status) : q).where(`${alias}.restricted`, '=', 0)
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
  // An erased case's rows (a task, a session) are emptied shells: lists of them leave them out,
  // while lists of cases show the case itself as erased.
  return CASE_QUERIES[table].joined(visibleCases(trx, actor, scope).where('accompaniments.erased_at', 'is', null))
}
