import { MyDay, TaskInput, TaskList, TaskParams, TaskStatusBody, TaskView } from '../../../common/contracts/tasks.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { visibleRows } from '../../security/case-access'
import { charterRenewalsFor } from '../partners/partners.renewals'
import { contactsOnDuty } from '../contacts/contact-my-day'
import { clientNamesOf } from '../names/client-names'
import { newCasesFor } from '../names/new-cases.queries'
import { addDays, remindersFor } from './reminders.queries'
import { createTask, setTaskStatus } from './tasks.commands'
import { myOpenTasks, tasksOfCase } from './tasks.queries'
import { serviceDayBounds, serviceToday } from '../../time/service-day'

export const taskRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/tasks',
    summary: 'Tasks of a case, by due date',
    tags: ['tasks'],
    params: IdParams,
    response: TaskList,
    allow: 'task.read',
    access: 'read',
    action: 'task.listed',
    async handler({ acc, trx, ctx }) {
      return { items: await tasksOfCase(ctx, trx, acc) }
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/tasks',
    summary: 'Add a task to a case, for me or for one of its workers',
    tags: ['tasks'],
    params: IdParams,
    body: TaskInput,
    response: TaskView,
    status: 201,
    allow: 'task.write',
    access: 'change',
    action: 'task.created',
    async handler({ acc, trx, audit, body, ctx, reply }) {
      const id = await createTask(ctx, trx, acc, body)
      audit.subject('task', id).detail({ accompanimentId: acc.id })
      const [view] = await tasksOfCase(ctx, trx, acc, id)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, 1)
      return view
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/tasks/:taskId/status',
    summary: 'Mark a task done or open again (If-Match required)',
    tags: ['tasks'],
    params: TaskParams,
    body: TaskStatusBody,
    response: TaskView,
    allow: 'task.write',
    access: 'change',
    action: 'task.status_changed',
    async handler({ acc, trx, audit, params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      audit.subject('task', params.taskId).detail({ accompanimentId: acc.id, status: body.status })
      await setTaskStatus(ctx, trx, acc, params.taskId, version, body.status)
      sendVersion(reply, version + 1)
      const [view] = await tasksOfCase(ctx, trx, acc, params.taskId)
      if (!view) throw fail('resource.not_found')
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/my-day',
    summary: "My day: today's sessions, overdue tasks, what is due this week, mandates ending soon",
    tags: ['tasks'],
    response: MyDay,
    allow: 'my_day.read',
    async handler({ ctx }) {
      const me = ctx.user
      const today = serviceToday(ctx.now())
      const day = serviceDayBounds(today)
      return ctx.read('my_day.viewed', async (trx, audit) => {
        const [sessions, overdue, week, reminders, fresh] = await Promise.all([
          visibleRows(trx, me, 'case_sessions')
            .select([
              'case_sessions.id',
              'case_sessions.accompaniment_id',
              'accompaniments.code',
              'accompaniments.person_id',
              'case_sessions.starts_at',
              'case_sessions.duration_minutes',
              'case_sessions.modality',
              'case_sessions.status',
            ])
            .where('case_sessions.worker_id', '=', me.userId)
            .where('case_sessions.starts_at', '>=', day.from)
            .where('case_sessions.starts_at', '<', day.to)
            .orderBy('case_sessions.starts_at')
            .execute(),
          myOpenTasks(ctx, trx, me, { before: today }),
          myOpenTasks(ctx, trx, me, { from: today, before: addDays(today, 7) }),
          remindersFor(ctx, trx, today),
          newCasesFor(trx, me),
        ])
        // Sessions, reminders and new cases show case codes and times, not sealed values: their persons are named here.
        audit
          .shows(sessions.map((s) => s.person_id))
          .shows(reminders.map((r) => r.personId))
          .shows(fresh.map((c) => c.person_id))
        const caseIds = [...sessions, ...fresh].map((s) => s.accompaniment_id)
        caseIds.push(...[...overdue, ...week, ...reminders].map((r) => r.accompanimentId))
        return {
          date: today,
          sessionsToday: sessions.map((s) => ({
            id: s.id,
            accompanimentId: s.accompaniment_id,
            accompanimentCode: s.code,
            startsAt: s.starts_at,
            durationMinutes: s.duration_minutes,
            modality: s.modality,
            status: s.status,
          })),
          overdueTasks: overdue,
          dueThisWeek: week,
          reminders: reminders.map(({ personId: _p, ...r }) => r),
          ...(await charterRenewalsFor(trx, me, today)),
          contactPoint: await contactsOnDuty(ctx, trx, audit),
          newCases: fresh.map((c) => ({ accompanimentId: c.accompaniment_id, accompanimentCode: c.code, status: c.status })),
          clients: await clientNamesOf(ctx, trx, caseIds),
        }
      })
    },
  }),
]
