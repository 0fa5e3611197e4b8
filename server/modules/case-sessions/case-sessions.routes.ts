import { CaseSessionInput, CaseSessionList, CaseSessionView, SessionParams } from '../../../common/contracts/case-sessions.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { createSession, updateSession } from './case-sessions.commands'
import { sessionsOf } from './case-sessions.queries'
import { calendarRoutes } from './calendar.routes'

export const caseSessionRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/sessions',
    summary: 'Sessions (entretiens) of a case, newest first',
    tags: ['sessions'],
    params: IdParams,
    response: CaseSessionList,
    allow: 'case_session.read',
    access: 'read',
    action: 'case_session.listed',
    async handler({ acc, trx, ctx }) {
      return { items: await sessionsOf(ctx, trx, acc) }
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/sessions',
    summary: 'Plan or record a session',
    tags: ['sessions'],
    params: IdParams,
    body: CaseSessionInput,
    response: CaseSessionView,
    status: 201,
    allow: 'case_session.write',
    access: 'change',
    action: 'case_session.created',
    async handler({ acc, trx, audit, body, ctx, reply }) {
      const id = await createSession(ctx, trx, acc, body)
      audit.subject('case_session', id).detail({ accompanimentId: acc.id, status: body.status })
      const [view] = await sessionsOf(ctx, trx, acc, id)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, 1)
      return view
    },
  }),
  defineCaseRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/sessions/:sessionId',
    summary: 'Update a session: held, cancelled or missed, attendance, notes (If-Match required)',
    tags: ['sessions'],
    params: SessionParams,
    body: CaseSessionInput,
    response: CaseSessionView,
    allow: 'case_session.write',
    access: 'change',
    action: 'case_session.updated',
    async handler({ acc, trx, audit, params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      audit.subject('case_session', params.sessionId).detail({ accompanimentId: acc.id, status: body.status })
      await updateSession(ctx, trx, acc, params.sessionId, version, body)
      const [view] = await sessionsOf(ctx, trx, acc, params.sessionId)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  // The calendar across cases (the week, and the cases to plan on) is in calendar.routes.ts.
  ...calendarRoutes,
]
