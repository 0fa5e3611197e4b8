import { type AccompanimentStatus, Dashboard, DashboardQuery } from '../../../common/contracts/accompaniments.contracts'
import { defineRoute } from '../../http/define-route'
import { visibleCases, visibleRows } from '../../security/case-access'
import { clientNamesOf } from '../names/client-names'
import { serviceToday } from '../../time/service-day'

const OPEN: AccompanimentStatus[] = ['intake', 'active', 'suspended', 'closing']
const LIST_LIMIT = 100

export const dashboardRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/dashboard/caseload',
    summary: "Team lead: the team's open cases by status, kind, framework and worker; closures to decide",
    tags: ['accompaniments'],
    query: DashboardQuery,
    response: Dashboard,
    allow: 'accompaniment.assign',
    async handler({ query, ctx }) {
      // Counts, case codes and the listed cases' clients by name (issue 12), no content. The
      // cases listed show their clients, whom the audit entry records.
      return ctx.read('dashboard.viewed', async (trx, audit) => {
        audit.detail({ teamId: query.teamId })
        // The team's cases, through the door: a team the caller does not lead is 404.
        const base = visibleCases(trx, ctx.user, { team: query.teamId })
        const open = base.where('accompaniments.status', 'in', OPEN)
        const count = <C extends 'status' | 'kind' | 'framework'>(col: C, q = open) =>
          q
            .select((eb) => [`accompaniments.${col}` as const, eb.fn.countAll<number>().as('n')])
            .groupBy(`accompaniments.${col}`)
            .execute()
        // The request's clock, as for `today`: the same instant decides both lists.
        const today = serviceToday(ctx.now())
        const soon = new Date(Date.parse(`${today}T12:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10)
        const intake = base.where('accompaniments.status', '=', 'intake')
        const ending = open.where('accompaniments.mandate_end', 'is not', null).where('accompaniments.mandate_end', '<=', soon)
        // Driven from the team's open cases (accompaniments_team_status) into tasks_acc (accompaniment_id, due_date).
        const overdue = visibleRows(trx, ctx.user, 'tasks', { team: query.teamId })
          .where('accompaniments.status', 'in', OPEN)
          .where('tasks.due_date', '<', today)
          .where('tasks.status', '=', 'open')
          .leftJoin('users', 'users.id', 'tasks.assignee_id')
        const total = (q: typeof base) => q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
        const [
          byStatus,
          byKind,
          byFramework,
          byWorker,
          awaiting,
          unassigned,
          unassignedCases,
          endingCount,
          endingCases,
          overdueByWorker,
          overdueItems,
        ] = await Promise.all([
          count('status', base),
          count('kind'),
          count('framework'),
          open
            .leftJoin('accompaniment_workers', (j) =>
              j.onRef('accompaniment_workers.accompaniment_id', '=', 'accompaniments.id').on('accompaniment_workers.role', '=', 'primary'),
            )
            .leftJoin('users', 'users.id', 'accompaniment_workers.user_id')
            .select((eb) => ['accompaniment_workers.user_id', 'users.display_name', eb.fn.countAll<number>().as('n')])
            .groupBy(['accompaniment_workers.user_id', 'users.display_name'])
            .execute(),
          base
            .where('accompaniments.status', '=', 'closing')
            .select([
              'accompaniments.id',
              'accompaniments.code',
              'accompaniments.person_id',
              'accompaniments.closure_outcome',
              'accompaniments.updated_at',
              'accompaniments.version',
            ])
            .orderBy('accompaniments.updated_at')
            .limit(LIST_LIMIT)
            .execute(),
          total(intake),
          intake
            .select(['accompaniments.id', 'accompaniments.code', 'accompaniments.person_id', 'accompaniments.created_at'])
            .orderBy('accompaniments.created_at')
            .limit(LIST_LIMIT)
            .execute(),
          total(ending),
          ending
            .select(['accompaniments.id', 'accompaniments.code', 'accompaniments.person_id', 'accompaniments.mandate_end'])
            .orderBy('accompaniments.mandate_end')
            .limit(LIST_LIMIT)
            .execute(),
          overdue
            .select((eb) => ['tasks.assignee_id', 'users.display_name', eb.fn.countAll<number>().as('n')])
            .groupBy(['tasks.assignee_id', 'users.display_name'])
            .execute(),
          overdue
            .select([
              'tasks.id',
              'tasks.accompaniment_id',
              'accompaniments.code',
              'accompaniments.person_id',
              'tasks.due_date',
              'tasks.assignee_id',
              'users.display_name',
            ])
            .orderBy('tasks.due_date')
            .orderBy('tasks.id')
            .limit(LIST_LIMIT)
            .execute(),
        ])
        audit.shows([...awaiting, ...unassignedCases, ...endingCases, ...overdueItems].map((r) => r.person_id))
        // Each listed case's client by name (issue 12): opened through the door, recorded on this entry.
        const clients = await clientNamesOf(ctx, trx, [
          ...[...awaiting, ...unassignedCases, ...endingCases].map((r) => r.id),
          ...overdueItems.map((r) => r.accompaniment_id),
        ])
        const pairs = (rows: Record<string, unknown>[], col: string) => rows.map((r) => ({ key: String(r[col]), count: Number(r.n) }))
        return {
          teamId: query.teamId,
          open: byStatus.filter((r) => OPEN.includes(r.status)).reduce((a, r) => a + Number(r.n), 0),
          byStatus: pairs(byStatus, 'status'),
          byKind: pairs(byKind, 'kind'),
          byFramework: pairs(byFramework, 'framework'),
          byWorker: byWorker.map((r) => ({ userId: r.user_id ?? null, name: r.display_name ?? null, count: Number(r.n) })),
          awaitingClosure: awaiting.map((r) => ({
            id: r.id,
            code: r.code,
            outcome: r.closure_outcome,
            updatedAt: r.updated_at,
            version: r.version,
          })),
          unassigned: Number(unassigned.n),
          unassignedCases: unassignedCases.map((r) => ({ id: r.id, code: r.code, createdAt: r.created_at })),
          mandatesEndingSoon: Number(endingCount.n),
          mandatesEnding: endingCases.map((r) => ({ id: r.id, code: r.code, mandateEnd: r.mandate_end ?? '' })),
          overdueTasks: {
            total: overdueByWorker.reduce((a, r) => a + Number(r.n), 0),
            byWorker: overdueByWorker
              .map((r) => ({ userId: r.assignee_id, name: r.display_name ?? null, count: Number(r.n) }))
              .sort((a, b) => b.count - a.count),
            items: overdueItems.map((r) => ({
              id: r.id,
              accompanimentId: r.accompaniment_id,
              accompanimentCode: r.code,
              dueDate: r.due_date,
              assigneeId: r.assignee_id,
              assigneeName: r.display_name ?? null,
            })),
          },
          clients,
        }
      })
    },
  }),
]
