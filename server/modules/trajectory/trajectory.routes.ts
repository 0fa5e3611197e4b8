import { IdParams } from '../../../common/contracts/shared.contracts'
import { TrajectoryEvent, TrajectoryInput, TrajectoryList, TrajectoryParams } from '../../../common/contracts/trajectory.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { createEvent, deleteEvent, updateEvent } from './trajectory.commands'
import { trajectoryOf } from './trajectory.queries'

export const trajectoryRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/trajectory',
    summary: 'The trajectory of a case: events of the path and future goals, in chronological order',
    tags: ['trajectory'],
    params: IdParams,
    response: TrajectoryList,
    allow: 'desistance.read',
    access: 'read',
    action: 'trajectory.viewed',
    async handler({ acc, trx, ctx }) {
      return { items: await trajectoryOf(ctx, trx, acc) }
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/trajectory',
    summary: 'Add an event of the path, or a future goal linked to plan goals',
    tags: ['trajectory'],
    params: IdParams,
    body: TrajectoryInput,
    response: TrajectoryEvent,
    status: 201,
    allow: 'desistance.write',
    access: 'change',
    action: 'trajectory.created',
    async handler({ acc, trx, audit, body, ctx, reply }) {
      const id = await createEvent(ctx, trx, acc, body)
      audit.subject('trajectory_event', id).detail({ accompanimentId: acc.id, kind: body.kind })
      const [view] = await trajectoryOf(ctx, trx, acc, id)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, 1)
      return view
    },
  }),
  defineCaseRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/trajectory/:eventId',
    summary: 'Change an event or a future goal (If-Match required)',
    tags: ['trajectory'],
    params: TrajectoryParams,
    body: TrajectoryInput,
    response: TrajectoryEvent,
    allow: 'desistance.write',
    access: 'change',
    action: 'trajectory.updated',
    async handler({ acc, trx, audit, params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      audit.subject('trajectory_event', params.eventId).detail({ accompanimentId: acc.id, kind: body.kind })
      await updateEvent(ctx, trx, acc, params.eventId, version, body)
      const [view] = await trajectoryOf(ctx, trx, acc, params.eventId)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineCaseRoute({
    method: 'DELETE',
    path: '/api/accompaniments/:id/trajectory/:eventId',
    summary: 'Remove an event entered by mistake (If-Match required)',
    tags: ['trajectory'],
    params: TrajectoryParams,
    status: 204,
    allow: 'desistance.write',
    access: 'change',
    action: 'trajectory.deleted',
    async handler({ acc, trx, audit, params, request }) {
      const version = expectedVersion(request)
      const kind = await deleteEvent(trx, acc, params.eventId, version)
      audit.subject('trajectory_event', params.eventId).detail({ accompanimentId: acc.id, kind, version })
      return undefined
    },
  }),
]
