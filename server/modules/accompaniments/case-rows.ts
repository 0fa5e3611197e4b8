import type { Trx } from '../../http/context'
import { fail } from '../../http/errors'

/** Tables whose rows belong to one case and carry a version for If-Match. */
export type CaseRowTable = 'case_sessions' | 'case_relatives' | 'trajectory_events' | 'network_snapshots'

/**
 * After a versioned update changed no row: 412 when the row is on this case (someone changed it
 * since it was read), 404 when it is not (or not on this case, which the caller must not learn).
 */
export async function missOrStale(trx: Trx, table: CaseRowTable, rowId: string, accompanimentId: string): Promise<never> {
  // Every table of the union has `id` and `accompaniment_id`; one of them names the types.
  const exists = await trx
    .selectFrom(table as 'case_sessions')
    .select('id')
    .where('id', '=', rowId)
    .where('accompaniment_id', '=', accompanimentId)
    .executeTakeFirst()
  throw fail(exists ? 'version.mismatch' : 'resource.not_found')
}
