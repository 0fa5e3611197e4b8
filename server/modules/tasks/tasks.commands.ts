import crypto from 'node:crypto'
import type { z } from 'zod'
import type { TaskInput, TaskUpdate } from '../../../common/contracts/tasks.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { type ChangeableCase, insertRows, missOrStale, rowsOf, updateRows } from '../../security/case-access'
import { workersOf } from '../accompaniments/accompaniments.queries'
import { notify } from '../notifications/notifications'

/** A task on a case the actor may change, for the actor or one of the case's workers. */
export async function createTask(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  // Without a time (a call-back made from a contact): any time that day.
  input: Omit<z.output<typeof TaskInput>, 'dueTime'> & { dueTime?: string | null },
): Promise<string> {
  const assignee = input.assigneeId ?? ctx.user.userId
  const workers = (await workersOf(trx, [acc.id])).map((w) => w.user_id)
  if (assignee !== ctx.user.userId && !workers.includes(assignee))
    throw invalidField('assigneeId', 'not_a_case_worker', 'Not a worker of this case')
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await insertRows(trx, acc, 'tasks', {
    id,
    title_sealed: ctx.codec.sealRow('tasks', key, id, { title: input.title }).title_sealed,
    assignee_id: assignee,
    due_date: input.dueDate,
    due_time: input.dueTime ?? null,
    status: 'open',
    created_by: ctx.user.userId,
    created_at: ctx.now(),
    done_at: null,
    version: 1,
  })
  // A task given to someone else is news to them (issue 12); one's own is not.
  if (assignee !== ctx.user.userId)
    await notify(trx, { event: 'task_assigned', accompanimentId: acc.id, code: acc.code, userId: assignee }, ctx.services.config)
  return id
}

/** Marks a task of this case done or open again, from the version the caller saw. */
export async function setTaskStatus(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  taskId: string,
  version: number,
  status: 'open' | 'done',
): Promise<void> {
  const result = await updateRows(trx, acc, 'tasks')
    .set({ status, done_at: status === 'done' ? ctx.now() : null, version: version + 1 })
    .where('tasks.id', '=', taskId)
    .where('tasks.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, acc, 'tasks', taskId)
}

/**
 * Changes a task of this case (title, due date and time, assignee) from the version the caller
 * saw. A task is reassigned only to one of the case's workers; kept with its assignee (a lead who
 * gave it to themselves) it may stay. Returns who had it before, for the audit entry.
 */
export async function updateTask(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  taskId: string,
  version: number,
  input: z.output<typeof TaskUpdate>,
): Promise<{ previousAssigneeId: string }> {
  const current = await rowsOf(trx, acc, 'tasks').select(['tasks.assignee_id']).where('tasks.id', '=', taskId).executeTakeFirst()
  if (!current) throw fail('resource.not_found')
  if (input.assigneeId !== current.assignee_id) {
    const workers = (await workersOf(trx, [acc.id])).map((w) => w.user_id)
    if (!workers.includes(input.assigneeId)) throw invalidField('assigneeId', 'not_a_case_worker', 'Not a worker of this case')
  }
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await updateRows(trx, acc, 'tasks')
    .set({
      title_sealed: ctx.codec.sealRow('tasks', key, taskId, { title: input.title }).title_sealed,
      due_date: input.dueDate,
      due_time: input.dueTime,
      assignee_id: input.assigneeId,
      version: version + 1,
    })
    .where('tasks.id', '=', taskId)
    .where('tasks.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, acc, 'tasks', taskId)
  return { previousAssigneeId: current.assignee_id }
}
