import { IdParams } from '../../../common/contracts/shared.contracts'
import { MyDay, TaskInput, TaskList, TaskStatusBody, TaskView } from '../../../common/contracts/tasks.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { findVisibleAccompaniment } from '../accompaniments/accompaniments.queries'
import { addDays, remindersFor } from './reminders.queries'
import { createTask, setTaskStatus } from './tasks.commands'
import { listTasks } from './tasks.queries'

export const taskRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/tasks',
    summary: 'Tasks of a case, by due date',
    tags: ['tasks'],
    params: IdParams,
    response: TaskList,
    allow: 'task.read',
    async handler({ params, ctx }) {
      return ctx.read('task.listed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        return { items: await listTasks(ctx, trx, { accompanimentId: acc.id }) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/tasks',
    summary: 'Add a task to a case, for me or for one of its workers',
    tags: ['tasks'],
    params: IdParams,
    body: TaskInput,
    response: TaskView,
    status: 201,
    allow: 'task.write',
    async handler({ params, body, ctx, reply }) {
      return ctx.write('task.created', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const id = await createTask(ctx, trx, acc, body)
        audit.subject('task', id).person(acc.person_id).detail({ accompanimentId: acc.id })
        sendVersion(reply, 1)
        return (await listTasks(ctx, trx, { taskId: id }))[0] as TaskView
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/tasks/:id/status',
    summary: 'Mark a task done or open again (If-Match required)',
    tags: ['tasks'],
    params: IdParams,
    body: TaskStatusBody,
    response: TaskView,
    allow: 'task.write',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('task.status_changed', async (trx, audit) => {
        const task = await trx.selectFrom('tasks').select(['accompaniment_id']).where('id', '=', params.id).executeTakeFirst()
        if (!task) throw fail('resource.not_found')
        // The task is as visible as its case: a miss answers 404 like any other.
        const acc = await findVisibleAccompaniment(trx, ctx.user, task.accompaniment_id)
        audit.subject('task', params.id).person(acc.person_id).detail({ status: body.status })
        await setTaskStatus(ctx, trx, acc, params.id, version, body.status)
        sendVersion(reply, version + 1)
        return (await listTasks(ctx, trx, { taskId: params.id }))[0] as TaskView
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/my-day',
    summary: "My day: today's sessions, overdue tasks, what is due this week, mandates ending soon",
    tags: ['tasks'],
    response: MyDay,
    allow: 'task.read',
    async handler({ ctx }) {
      const me = ctx.user
      const today = ctx.now().slice(0, 10)
      return ctx.read('my_day.viewed', async (trx) => {
        const [sessions, overdue, week, reminders] = await Promise.all([
          trx
            .selectFrom('case_sessions')
            .innerJoin('accompaniments', 'accompaniments.id', 'case_sessions.accompaniment_id')
            .select([
              'case_sessions.id',
              'case_sessions.accompaniment_id',
              'accompaniments.code',
              'case_sessions.starts_at',
              'case_sessions.duration_minutes',
              'case_sessions.modality',
              'case_sessions.status',
            ])
            .where('case_sessions.worker_id', '=', me.userId)
            .where('case_sessions.starts_at', '>=', `${today}T00:00:00.000Z`)
            .where('case_sessions.starts_at', '<', `${addDays(today, 1)}T00:00:00.000Z`)
            .orderBy('case_sessions.starts_at')
            .execute(),
          listTasks(ctx, trx, { assigneeId: me.userId, open: true, dueBefore: today }),
          listTasks(ctx, trx, { assigneeId: me.userId, open: true, dueFrom: today, dueBefore: addDays(today, 7) }),
          remindersFor(ctx, trx, today),
        ])
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
          reminders,
        }
      })
    },
  }),
]
