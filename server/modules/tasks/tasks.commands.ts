import crypto from 'node:crypto'
import type { z } from 'zod'
import type { TaskInput } from '../../../common/contracts/tasks.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { invalidField } from '../../http/errors'
import { type ChangeableCase, insertRows, missOrStale, updateRows } from '../../security/case-access'
import { workersOf } from '../accompaniments/accompaniments.queries'
import { notify } from '../notifications/notifications'

/** A task on a case the actor may change, for the actor or one of the case's workers. */
export async function createTask(ctx: RequestContext, trx: Trx, acc: ChangeableCase, input: z.output<typeof TaskInput>): Promise<string> {
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
