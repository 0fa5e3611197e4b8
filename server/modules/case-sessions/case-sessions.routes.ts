import {
  Calendar,
  CalendarQuery,
  CaseSessionInput,
  CaseSessionList,
  CaseSessionView,
  SessionParams,
} from '../../../common/contracts/case-sessions.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { fromJson } from '../../db/json'
import { defineCaseRoute } from '../../http/case-route'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { visibleRows } from '../../security/case-access'
import { createSession, updateSession } from './case-sessions.commands'
import { sessionsOf } from './case-sessions.queries'
import { clientNamesOf } from '../names/client-names'

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
  defineRoute({
    method: 'GET',
    path: '/api/calendar',
    summary: 'My sessions between two instants (a week, for the calendar); no notes',
    tags: ['sessions'],
    query: CalendarQuery,
    response: Calendar,
    allow: 'case_session.read',
    async handler({ query, ctx }) {
      return ctx.read('calendar.viewed', async (trx, audit) => {
        // The caller's sessions on the cases they may still see: a session outlives no one's access.
        const rows = await visibleRows(trx, ctx.user, 'case_sessions')
          .innerJoin('users', 'users.id', 'case_sessions.worker_id')
          .select([
            'case_sessions.id',
            'case_sessions.accompaniment_id',
            'accompaniments.code',
            'accompaniments.person_id',
            'case_sessions.status',
            'case_sessions.starts_at',
            'case_sessions.duration_minutes',
            'case_sessions.modality',
            'case_sessions.participants',
            'case_sessions.attendance',
            'case_sessions.worker_id',
            'users.display_name',
            'case_sessions.version',
          ])
          .where('case_sessions.worker_id', '=', ctx.user.userId)
          .where('case_sessions.starts_at', '>=', new Date(query.from).toISOString())
          .where('case_sessions.starts_at', '<', new Date(query.to).toISOString())
          .orderBy('case_sessions.starts_at')
          .limit(500)
          .execute()
        audit.shows(rows.map((r) => r.person_id))
        return {
          clients: await clientNamesOf(
            ctx,
            trx,
            rows.map((r) => r.accompaniment_id),
          ),
          items: rows.map((r) => ({
            id: r.id,
            accompanimentId: r.accompaniment_id,
            accompanimentCode: r.code,
            status: r.status,
            startsAt: r.starts_at,
            durationMinutes: r.duration_minutes,
            modality: r.modality,
            participants: fromJson(r.participants),
            attendance: r.attendance,
            workerId: r.worker_id,
            workerName: r.display_name,
            version: r.version,
          })),
        }
      })
    },
  }),
]
