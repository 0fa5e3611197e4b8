import type { ExpressionBuilder } from 'kysely'
import type { Actor } from '../../http/context'

type Eb = ExpressionBuilder<any, 'accompaniments'>

/**
 * Who may see an accompaniment, as one SQL condition that every case query carries: its
 * workers, the lead of its team, and holders of an unexpired break-the-glass grant. A query that
 * forgets it returns nothing it should not, because there is no other way in.
 */
export function visibleTo(actor: Actor, now = new Date().toISOString()) {
  return (eb: Eb) => {
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
    if (actor.roles.includes('lead') && actor.teamIds.length > 0) conditions.push(eb('accompaniments.team_id', 'in', actor.teamIds))
    return eb.or(conditions)
  }
}

/**
 * The same rule as visibleTo, written for lists: the case is among the ids the actor reaches
 * through their assignments, their unexpired grants and, for a lead, their teams. An OR of
 * EXISTS across tables cannot be looked up in an index, so visibleTo over a whole table reads
 * every case in it; this form starts from the actor's own index ranges (accompaniment_workers_user,
 * access_grants_user, accompaniments_team_status) and touches only the cases they may see.
 * visibleTo stays the form for one case, where the case's id is the way in.
 */
export function visibleIn(actor: Actor, now = new Date().toISOString()) {
  return (eb: Eb) => {
    let ids = eb
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
    if (actor.roles.includes('lead') && actor.teamIds.length > 0)
      ids = ids.unionAll(eb.selectFrom('accompaniments as va').select('va.id').where('va.team_id', 'in', actor.teamIds))
    return eb('accompaniments.id', 'in', ids)
  }
}

/** Whether the actor may read a person through one of their visible accompaniments. */
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
        .where(visibleTo(actor) as never),
    )
}
