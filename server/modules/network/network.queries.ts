import type { NetworkComparison, NetworkSnapshotView, Tie } from '../../../common/contracts/network.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { compareSnapshots } from './network.compare'

type Case = { id: string; person_id: string }

/**
 * Snapshots of one case, newest first, ties opened. The caller has already passed the case's
 * visibility. One query and one key fetch, whatever the number of snapshots.
 */
export async function networkSnapshotsOf(
  ctx: RequestContext,
  trx: Trx,
  acc: Case,
  only?: string | string[],
): Promise<NetworkSnapshotView[]> {
  let q = trx
    .selectFrom('network_snapshots')
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
    .where('network_snapshots.accompaniment_id', '=', acc.id)
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
      ties: (plain.ties as Tie[] | null) ?? [],
      note: (plain.note as string | null) ?? null,
      createdBy: r.display_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    }
  })
}

/**
 * For the overview: how the network moved since the first snapshot, and since the one before
 * the latest. Null with fewer than two snapshots, where there is nothing to compare.
 */
export async function networkChange(
  ctx: RequestContext,
  trx: Trx,
  acc: Case,
): Promise<{ sinceFirst: NetworkComparison; sincePrevious: NetworkComparison } | null> {
  return networkChangeOf(await networkSnapshotsOf(ctx, trx, acc))
}

/** The same from snapshots already loaded (newest first), so a caller need not load them twice. */
export function networkChangeOf(newestFirst: NetworkSnapshotView[]) {
  const [latest, previous] = newestFirst
  const first = newestFirst.at(-1)
  if (!latest || !previous || !first) return null
  return { sinceFirst: compareSnapshots(first, latest), sincePrevious: compareSnapshots(previous, latest) }
}
