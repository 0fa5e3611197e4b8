import { IdParams } from '../../../common/contracts/shared.contracts'
import { TrajectoryEvent, TrajectoryInput, TrajectoryList, TrajectoryParams } from '../../../common/contracts/trajectory.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { findVisibleAccompaniment } from '../accompaniments/accompaniments.queries'
import { createEvent, deleteEvent, updateEvent } from './trajectory.commands'
import { trajectoryOf } from './trajectory.queries'

export const trajectoryRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/trajectory',
    summary: 'The trajectory of a case: events of the path and future goals, in chronological order',
    tags: ['trajectory'],
    params: IdParams,
    response: TrajectoryList,
    allow: 'desistance.read',
    async handler({ params, ctx }) {
      return ctx.read('trajectory.viewed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        return { items: await trajectoryOf(ctx, trx, acc) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/trajectory',
    summary: 'Add an event of the path, or a future goal linked to plan goals',
    tags: ['trajectory'],
    params: IdParams,
    body: TrajectoryInput,
    response: TrajectoryEvent,
    status: 201,
    allow: 'desistance.write',
    async handler({ params, body, ctx, reply }) {
      return ctx.write('trajectory.created', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const id = await createEvent(ctx, trx, acc, body)
        audit.subject('trajectory_event', id).person(acc.person_id).detail({ accompanimentId: acc.id, kind: body.kind })
        const [view] = await trajectoryOf(ctx, trx, acc, id)
        sendVersion(reply, 1)
        return view as TrajectoryEvent
      })
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/trajectory/:eventId',
    summary: 'Change an event or a future goal (If-Match required)',
    tags: ['trajectory'],
    params: TrajectoryParams,
    body: TrajectoryInput,
    response: TrajectoryEvent,
    allow: 'desistance.write',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('trajectory.updated', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('trajectory_event', params.eventId).person(acc.person_id).detail({ accompanimentId: acc.id, kind: body.kind })
        await updateEvent(ctx, trx, acc, params.eventId, version, body)
        const [view] = await trajectoryOf(ctx, trx, acc, params.eventId)
        if (!view) throw fail('resource.not_found')
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/accompaniments/:id/trajectory/:eventId',
    summary: 'Remove an event entered by mistake (If-Match required)',
    tags: ['trajectory'],
    params: TrajectoryParams,
    status: 204,
    allow: 'desistance.write',
    async handler({ params, ctx, request }) {
      const version = expectedVersion(request)
      await ctx.write('trajectory.deleted', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const kind = await deleteEvent(ctx, trx, acc, params.eventId, version)
        audit.subject('trajectory_event', params.eventId).person(acc.person_id).detail({ accompanimentId: acc.id, kind, version })
      })
      return undefined
    },
  }),
]
