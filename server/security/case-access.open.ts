import type { Actor, Trx } from '../http/context'
import { fail } from '../http/errors'
import { isLead, seenBy, truthy, visibleTo } from './case-access.rule'
import { CASE_COLUMNS, type CaseRow } from './case-tables'

/** Opening one case through the case door (case-access.ts): the only maker of an `OpenedCase`. */

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
    .select('accompaniments.erased_at')
    .where('accompaniments.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst()
  if (!row) throw await missOrRestricted(trx, actor, id)
  // A tombstone: read from the database, never from a cache, so every instance answers Gone at once.
  if (row.erased_at) throw fail('resource.erased')
  // Stored, read by its lead: nothing about it changes until the DPO lifts the restriction.
  if (row.restricted && need !== 'read') throw fail('processing.restricted')
  const { assigned, erased_at: _erased, ...caseRow } = row
  const access: CaseAccess = truthy(assigned) ? 'assigned' : isLead(actor) && actor.teamIds.includes(row.team_id) ? 'lead' : 'emergency'
  if (need !== 'read' && access === 'emergency') throw fail('access.forbidden')
  if (need === 'change' && row.status === 'closed') throw fail('state.invalid_transition')
  return { ...caseRow, access } as OpenedCase<N>
}

/**
 * Why a case does not open: restricted, to whoever would see it were it not (its workers, a
 * break-the-glass grant), so that they understand the refusal; not found to anyone else.
 */
async function missOrRestricted(trx: Trx, actor: Actor, id: string) {
  const restricted = await trx
    .selectFrom('accompaniments')
    .select('accompaniments.id')
    .where('accompaniments.id', '=', id)
    .where('accompaniments.restricted', '=', 1)
    .where(seenBy(actor, new Date().toISOString(), false))
    .executeTakeFirst()
  return fail(restricted ? 'processing.restricted' : 'resource.not_found')
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

/**
 * Cases opened for the operator's maintenance of derived facts (cli `progress-facts backfill`),
 * in id order from `after`: not erased (nothing is left to read) and not restricted (no processing
 * while restricted); closed ones included, as their facts count and writing them changes none of
 * the case's content. Only that command calls it, under the system actor, one audited write per case.
 */
export async function casesForMaintenance(trx: Trx, after: string | null, limit: number): Promise<ChangeableCase[]> {
  const rows = await trx
    .selectFrom('accompaniments')
    .select(CASE_COLUMNS)
    .where('accompaniments.erased_at', 'is', null)
    .where('accompaniments.restricted', '=', 0)
    .$if(after !== null, (q) => q.where('accompaniments.id', '>', after as string))
    .orderBy('accompaniments.id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, access: 'assigned' }) as ChangeableCase)
}
