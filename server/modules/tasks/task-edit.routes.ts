import { TaskParams, TaskUpdate, TaskView } from '../../../common/contracts/tasks.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { updateTask } from './tasks.commands'
import { tasksOfCase } from './tasks.queries'

/** Changing a task after it was made (kept apart from tasks.routes.ts, which also holds My day). */
export const taskEditRoutes = [
  defineCaseRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/tasks/:taskId',
    summary: "Change a task: title, due date and time, or hand it to another of the case's workers (If-Match required)",
    tags: ['tasks'],
    params: TaskParams,
    body: TaskUpdate,
    response: TaskView,
    allow: 'task.write',
    access: 'change',
    action: 'task.updated',
    async handler({ acc, trx, audit, params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      const { previousAssigneeId } = await updateTask(ctx, trx, acc, params.taskId, version, body)
      // Ids only: the title is sealed on the row, never copied to the audit log.
      audit.subject('task', params.taskId).detail({
        accompanimentId: acc.id,
        ...(previousAssigneeId !== body.assigneeId ? { reassignedFrom: previousAssigneeId, reassignedTo: body.assigneeId } : {}),
      })
      // Seam for the notification lane: "a task assigned to me" would be notify()'d here, in this transaction.
      const [view] = await tasksOfCase(ctx, trx, acc, params.taskId)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
]
