import type { Actor, Trx } from '../http/context'
import { fail } from '../http/errors'
import type { OpenedCase } from './case-access.open'
import { CASE_QUERIES, type CaseTable } from './case-tables'

/**
 * Records that the actor has opened this case, the first time only (a later open changes
 * nothing): My day shows a worker's case as new until then. Any access opens it, a read-only one
 * included, so it takes any opened case.
 */
export async function recordOpened(trx: Trx, acc: OpenedCase, actor: Actor, at: string): Promise<void> {
  await CASE_QUERIES.case_opens
    .insert(trx, acc.id, [{ user_id: actor.userId, opened_at: at }])
    .onConflict((oc) => oc.columns(['user_id', 'accompaniment_id']).doNothing())
    .execute()
}

/**
 * After a versioned update or deletion on this case changed no row: 412 when the row is on the
 * case (someone changed it since it was read), 404 when it is not (which the caller must not
 * tell apart from a row of another case).
 */
export async function missOrStale(
  trx: Trx,
  acc: OpenedCase,
  table: Exclude<CaseTable, 'case_opens' | 'case_progress_facts'>,
  rowId: string,
): Promise<never> {
  // Typed over the union of case tables with rows of their own (an `id`; `case_opens` is keyed by
  // user and case, `case_progress_facts` by case and fact): nothing of the row is returned.
  const exists = await trx
    .selectFrom(table)
    .select(`${table}.id`)
    .where(`${table}.accompaniment_id`, '=', acc.id)
    .where(`${table}.id`, '=', rowId)
    .executeTakeFirst()
  throw fail(exists ? 'version.mismatch' : 'resource.not_found')
}
