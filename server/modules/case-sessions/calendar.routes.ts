import { Calendar, CalendarQuery, PlannableCases } from '../../../common/contracts/case-sessions.contracts'
import { type Permission, rolesGrant } from '../../../common/permissions'
import { AuditDraft } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { clientNamesOf } from '../names/client-names'
import { calendarWeek, plannableCases } from './calendar.queries'

/** The team view is the lead's, as the team's dashboard is: the same permission decides both. */
const TEAM_VIEW: Permission = 'accompaniment.assign'

export const calendarRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/calendar',
    summary: "My sessions between two instants (a week, for the calendar), or a lead's team's (scope=team, workerId); no notes",
    tags: ['sessions'],
    query: CalendarQuery,
    response: Calendar,
    allow: 'case_session.read',
    async handler({ query, ctx }) {
      if (query.scope === 'team' && !rolesGrant(ctx.user.roles, TEAM_VIEW)) {
        // Refused as the route's own policy refuses: a 403, recorded as a denial.
        await ctx.recordDenial(
          new AuditDraft().detail({ route: 'GET /api/calendar', permission: TEAM_VIEW, scope: 'team' }).outcomeOf('denied'),
        )
        throw fail('access.forbidden')
      }
      const action = query.scope === 'team' ? 'calendar.team_viewed' : 'calendar.viewed'
      return ctx.read(action, async (trx, audit) => {
        if (query.scope === 'team') audit.detail({ teamIds: ctx.user.teamIds, workerId: query.workerId ?? null })
        const items = await calendarWeek(ctx, trx, query)
        audit.shows(items.map((i) => i.personId))
        return {
          clients: await clientNamesOf(
            ctx,
            trx,
            items.map((i) => i.accompanimentId),
          ),
          items: items.map(({ personId: _, ...item }) => item),
        }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/calendar/cases',
    summary: 'The open cases I work on, to plan a session on from the calendar: codes and clients',
    tags: ['sessions'],
    response: PlannableCases,
    allow: 'case_session.write',
    async handler({ ctx }) {
      return ctx.read('accompaniment.listed', async (trx, audit) => {
        const rows = await plannableCases(ctx, trx)
        audit.shows(rows.map((r) => r.person_id)).detail({ shown: rows.map((r) => r.id) })
        return {
          items: rows.map((r) => ({ id: r.id, code: r.code })),
          clients: await clientNamesOf(
            ctx,
            trx,
            rows.map((r) => r.id),
          ),
        }
      })
    },
  }),
]
