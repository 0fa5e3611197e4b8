import {
  NetworkCompareQuery,
  NetworkComparison,
  NetworkSnapshotInput,
  NetworkSnapshotList,
  NetworkSnapshotParams,
  NetworkSnapshotView,
} from '../../../common/contracts/network.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { createSnapshot, updateSnapshot } from './network.commands'
import { compareSnapshots } from './network.compare'
import { networkSnapshotsOf } from './network.queries'

export const networkRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/network',
    summary: 'Network map snapshots of a case, newest first, with their ties',
    tags: ['network'],
    params: IdParams,
    response: NetworkSnapshotList,
    allow: 'desistance.read',
    access: 'read',
    action: 'network.listed',
    async handler({ acc, trx, ctx }) {
      return { items: await networkSnapshotsOf(ctx, trx, acc) }
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/network',
    summary: 'Take a dated snapshot of the network (ties without an id are new)',
    tags: ['network'],
    params: IdParams,
    body: NetworkSnapshotInput,
    response: NetworkSnapshotView,
    status: 201,
    allow: 'desistance.write',
    access: 'change',
    action: 'network.snapshot_created',
    async handler({ acc, trx, audit, body, ctx, reply }) {
      const id = await createSnapshot(ctx, trx, acc, body)
      audit.subject('network_snapshot', id).detail({ accompanimentId: acc.id, ties: body.ties.length })
      const [view] = await networkSnapshotsOf(ctx, trx, acc, id)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, 1)
      return view
    },
  }),
  defineCaseRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/network/:snapshotId',
    summary: 'Correct a snapshot: its date, ties and note (If-Match required)',
    tags: ['network'],
    params: NetworkSnapshotParams,
    body: NetworkSnapshotInput,
    response: NetworkSnapshotView,
    allow: 'desistance.write',
    access: 'change',
    action: 'network.snapshot_updated',
    async handler({ acc, trx, audit, params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      audit.subject('network_snapshot', params.snapshotId).detail({ accompanimentId: acc.id, ties: body.ties.length })
      await updateSnapshot(ctx, trx, acc, params.snapshotId, version, body)
      const [view] = await networkSnapshotsOf(ctx, trx, acc, params.snapshotId)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/network/compare',
    summary: 'What moved between two snapshots: ties gained and left by valence, ties that changed',
    tags: ['network'],
    params: IdParams,
    query: NetworkCompareQuery,
    response: NetworkComparison,
    allow: 'desistance.read',
    access: 'read',
    action: 'network.compared',
    async handler({ acc, trx, audit, query, ctx }) {
      audit.detail({ from: query.from, to: query.to })
      const snapshots = await networkSnapshotsOf(ctx, trx, acc, [query.from, query.to])
      const from = snapshots.find((s) => s.id === query.from)
      const to = snapshots.find((s) => s.id === query.to)
      if (!from || !to) throw fail('resource.not_found')
      return compareSnapshots(from, to)
    },
  }),
]
