import type { Actor, Trx } from '../../http/context'
import { type CasePage, visiblePage } from '../../security/case-access'

/** The workers of these cases, primary and co-workers, with their display names. */
export async function workersOf(trx: Trx, ids: string[]) {
  if (ids.length === 0) return []
  return trx
    .selectFrom('accompaniment_workers')
    .innerJoin('users', 'users.id', 'accompaniment_workers.user_id')
    .select(['accompaniment_workers.accompaniment_id', 'accompaniment_workers.user_id', 'accompaniment_workers.role', 'users.display_name'])
    .where('accompaniment_workers.accompaniment_id', 'in', ids)
    .execute()
}

/** A page of the cases the actor may see, most recently changed first, and how many there are in all. */
export async function caseloadPage(trx: Trx, actor: Actor, query: CasePage) {
  const page = visiblePage(trx, actor, query)
  const [rows, total] = await Promise.all([
    page.rows
      .select([
        'accompaniments.id',
        'accompaniments.code',
        'accompaniments.kind',
        'accompaniments.status',
        'accompaniments.framework',
        'accompaniments.team_id',
        'accompaniments.person_id',
        'accompaniments.updated_at',
        'accompaniments.concerned_person_id',
        'accompaniments.concerned_status',
        'accompaniments.relationship',
        'accompaniments.measure',
        'accompaniments.authority_kind',
        'accompaniments.mandate_start',
        'accompaniments.mandate_end',
        'accompaniments.closure_outcome',
        'accompaniments.created_at',
        'accompaniments.version',
        'accompaniments.erased_at',
      ])
      .execute(),
    page.total(),
  ])
  return { rows, total }
}
