import type { Actor, Trx } from '../http/context'
import { fail } from '../http/errors'
import { isLead, truthy, visibleTo } from './case-access.rule'
import { CASE_QUERIES, type CaseRowValues } from './case-tables'

/**
 * Break-the-glass, behind the case door (case-access.ts): finding a case the actor does not see
 * yet, writing the grant and its timeline event on it, and listing the grants for their reviewers.
 */

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
    .select(['accompaniments.id', 'accompaniments.person_id', 'accompaniments.code', 'accompaniments.restricted'])
    .select((eb) => visibleTo(actor)(eb).as('visible'))
    .where('accompaniments.id', '=', id)
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  // Break-the-glass does not reach a restricted case: nothing would open it.
  if (row.restricted) throw fail('processing.restricted')
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
