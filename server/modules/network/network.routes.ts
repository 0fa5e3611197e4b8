import {
  NetworkCompareQuery,
  NetworkComparison,
  NetworkSnapshotInput,
  NetworkSnapshotList,
  NetworkSnapshotParams,
  NetworkSnapshotView,
} from '../../../common/contracts/network.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { findVisibleAccompaniment } from '../accompaniments/accompaniments.queries'
import { createSnapshot, updateSnapshot } from './network.commands'
import { compareSnapshots } from './network.compare'
import { networkSnapshotsOf } from './network.queries'

export const networkRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/network',
    summary: 'Network map snapshots of a case, newest first, with their ties',
    tags: ['network'],
    params: IdParams,
    response: NetworkSnapshotList,
    allow: 'desistance.read',
    async handler({ params, ctx }) {
      return ctx.read('network.listed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        return { items: await networkSnapshotsOf(ctx, trx, acc) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/network',
    summary: 'Take a dated snapshot of the network (ties without an id are new)',
    tags: ['network'],
    params: IdParams,
    body: NetworkSnapshotInput,
    response: NetworkSnapshotView,
    status: 201,
    allow: 'desistance.write',
    async handler({ params, body, ctx, reply }) {
      return ctx.write('network.snapshot_created', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const id = await createSnapshot(ctx, trx, acc, body)
        audit.subject('network_snapshot', id).person(acc.person_id).detail({ accompanimentId: acc.id, ties: body.ties.length })
        const [view] = await networkSnapshotsOf(ctx, trx, acc, id)
        sendVersion(reply, 1)
        return view as NetworkSnapshotView
      })
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/network/:snapshotId',
    summary: 'Correct a snapshot: its date, ties and note (If-Match required)',
    tags: ['network'],
    params: NetworkSnapshotParams,
    body: NetworkSnapshotInput,
    response: NetworkSnapshotView,
    allow: 'desistance.write',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('network.snapshot_updated', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit
          .subject('network_snapshot', params.snapshotId)
          .person(acc.person_id)
          .detail({ accompanimentId: acc.id, ties: body.ties.length })
        await updateSnapshot(ctx, trx, acc, params.snapshotId, version, body)
        const [view] = await networkSnapshotsOf(ctx, trx, acc, params.snapshotId)
        if (!view) throw fail('resource.not_found')
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/network/compare',
    summary: 'What moved between two snapshots: ties gained and left by valence, ties that changed',
    tags: ['network'],
    params: IdParams,
    query: NetworkCompareQuery,
    response: NetworkComparison,
    allow: 'desistance.read',
    async handler({ params, query, ctx }) {
      return ctx.read('network.compared', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id).detail({ from: query.from, to: query.to })
        const snapshots = await networkSnapshotsOf(ctx, trx, acc, [query.from, query.to])
        const from = snapshots.find((s) => s.id === query.from)
        const to = snapshots.find((s) => s.id === query.to)
        if (!from || !to) throw fail('resource.not_found')
        return compareSnapshots(from, to)
      })
    },
  }),
]
