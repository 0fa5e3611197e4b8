import type { NetworkSnapshotView } from '../../../common/contracts/network.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, rowsOf } from '../../security/case-access'
import { compareSnapshots } from './network.compare'

/**
 * Snapshots of one opened case, newest first, ties opened. One query and one key fetch, whatever
 * the number of snapshots. Ties name people in the worker's words, never by a registered person's
 * id: there is no one besides the case's client (whom the door records) to add to the audit entry.
 */
export async function networkSnapshotsOf(
  ctx: RequestContext,
  trx: Trx,
  acc: OpenedCase,
  only?: string | string[],
): Promise<NetworkSnapshotView[]> {
  let q = rowsOf(trx, acc, 'network_snapshots')
    .innerJoin('users', 'users.id', 'network_snapshots.created_by')
    .select([
      'network_snapshots.id',
      'network_snapshots.accompaniment_id',
      'network_snapshots.taken_on',
      'network_snapshots.ties_sealed',
      'network_snapshots.note_sealed',
      'network_snapshots.created_at',
      'network_snapshots.updated_at',
      'network_snapshots.version',
      'users.display_name',
    ])
  if (only) q = q.where('network_snapshots.id', 'in', typeof only === 'string' ? [only] : only)
  const rows = await q.orderBy('network_snapshots.taken_on', 'desc').orderBy('network_snapshots.created_at', 'desc').limit(500).execute()
  if (rows.length === 0) return []
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows.map((r) => {
    const plain = ctx.codec.openRow('network_snapshots', key, r.id, r)
    return {
      id: r.id,
      accompanimentId: r.accompaniment_id,
      takenOn: r.taken_on,
      ties: plain.ties,
      note: plain.note,
      createdBy: r.display_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    }
  })
}

/**
 * For the overview, from snapshots loaded newest first: how the network moved since the first
 * snapshot, and since the one before the latest. Null with fewer than two, where there is
 * nothing to compare.
 */
export function networkChangeOf(newestFirst: NetworkSnapshotView[]) {
  const [latest, previous] = newestFirst
  const first = newestFirst.at(-1)
  if (!latest || !previous || !first) return null
  return { sinceFirst: compareSnapshots(first, latest), sincePrevious: compareSnapshots(previous, latest) }
}
