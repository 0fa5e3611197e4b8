import type { Actor, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { visibleTo } from './accompaniments.visibility'

export const ACCOMPANIMENT_COLUMNS = [
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
] as const

export async function findVisibleAccompaniment(trx: Trx, actor: Actor, id: string) {
  const row = await trx
    .selectFrom('accompaniments')
    .select(ACCOMPANIMENT_COLUMNS)
    .where('accompaniments.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  return row
}

/** How the actor came to see these cases: the strongest reason wins. */
export async function accessOf(trx: Trx, actor: Actor, rows: { id: string; team_id: string }[]) {
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
  const lead = actor.roles.includes('lead') ? new Set(actor.teamIds) : new Set<string>()
  return new Map(
    rows.map((r) => [r.id, assigned.has(r.id) ? ('assigned' as const) : lead.has(r.team_id) ? ('lead' as const) : ('emergency' as const)]),
  )
}

export async function workersOf(trx: Trx, ids: string[]) {
  if (ids.length === 0) return []
  return trx
    .selectFrom('accompaniment_workers')
    .innerJoin('users', 'users.id', 'accompaniment_workers.user_id')
    .select(['accompaniment_workers.accompaniment_id', 'accompaniment_workers.user_id', 'accompaniment_workers.role', 'users.display_name'])
    .where('accompaniment_workers.accompaniment_id', 'in', ids)
    .execute()
}

/** Changes to a case are for its workers and its team lead; a break-the-glass grant only reads. */
export async function assertMayChange(trx: Trx, actor: Actor, acc: { id: string; team_id: string }): Promise<void> {
  if ((await accessOf(trx, actor, [acc])).get(acc.id) === 'emergency') throw fail('access.forbidden')
}
