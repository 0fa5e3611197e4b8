import type { ExpressionBuilder } from 'kysely'
import type { Actor } from '../http/context'

/**
 * The visibility rule of the case door (case-access.ts), in its two written forms: the row form
 * `visibleTo`, for one case found by its id, and the set form `visibleIn`, for lists. They are
 * kept in one file so that they cannot drift apart (case-access.api.test.ts compares them).
 */

export type CaseEb = ExpressionBuilder<any, 'accompaniments'>

export const isLead = (actor: Actor) => actor.roles.includes('lead') && actor.teamIds.length > 0

/** The row form: whether this case (the `accompaniments` row in scope) is visible to the actor. */
export function visibleTo(actor: Actor, now = new Date().toISOString()) {
  return seenBy(actor, now, true)
}

/** The row form, honouring a restriction or not (to tell "restricted" from "not yours"). */
export function seenBy(actor: Actor, now: string, honourRestriction: boolean) {
  return (eb: CaseEb) => {
    const own = [
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
    // While restricted, neither its workers nor a break-the-glass grant reach the case.
    const conditions = honourRestriction ? [eb.and([eb('accompaniments.restricted', '=', 0), eb.or(own)])] : own
    if (isLead(actor)) conditions.push(eb('accompaniments.team_id', 'in', actor.teamIds))
    return eb.or(conditions)
  }
}

/**
 * The set form: the case's id is among those the actor reaches through assignments, live grants
 * and led teams. Lists only: a restricted case is in none (its lead opens it by its id).
 */
export function visibleIn(actor: Actor, now = new Date().toISOString()) {
  return (eb: CaseEb) => {
    let ids = ownIds(eb, actor, now)
    if (isLead(actor)) ids = ids.unionAll(eb.selectFrom('accompaniments as va').select('va.id').where('va.team_id', 'in', actor.teamIds))
    return eb.and([eb('accompaniments.id', 'in', ids), eb('accompaniments.restricted', '=', 0)])
  }
}

/** The ids of the cases the actor reaches as their worker or through a live grant (not through a team). */
export function ownIds(eb: ExpressionBuilder<any, any>, actor: Actor, now: string) {
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
export function assignedTo(actor: Actor) {
  return (eb: CaseEb) =>
    eb(
      'accompaniments.id',
      'in',
      eb.selectFrom('accompaniment_workers as aw').select('aw.accompaniment_id').where('aw.user_id', '=', actor.userId),
    )
}

/** SQLite answers booleans as 0/1, PostgreSQL as true/false. */
export const truthy = (v: unknown) => v === true || v === 1 || v === '1'
