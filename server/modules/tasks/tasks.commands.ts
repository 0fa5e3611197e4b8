import crypto from 'node:crypto'
import type { z } from 'zod'
import type { TaskInput } from '../../../common/contracts/tasks.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { assertMayChange, workersOf } from '../accompaniments/accompaniments.queries'

type Case = { id: string; team_id: string; person_id: string }

/** A task on a case the actor may change, for the actor or one of the case's workers. */
export async function createTask(ctx: RequestContext, trx: Trx, acc: Case, input: z.output<typeof TaskInput>): Promise<string> {
  await assertMayChange(trx, ctx.user, acc)
  const assignee = input.assigneeId ?? ctx.user.userId
  const workers = (await workersOf(trx, [acc.id])).map((w) => w.user_id)
  if (assignee !== ctx.user.userId && !workers.includes(assignee))
    throw invalidField('assigneeId', 'not_a_case_worker', 'Not a worker of this case')
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await trx
    .insertInto('tasks')
    .values({
      id,
      accompaniment_id: acc.id,
      title_sealed: ctx.codec.sealRow('tasks', key, id, { title: input.title }).title_sealed as string,
      assignee_id: assignee,
      due_date: input.dueDate,
      status: 'open',
      created_by: ctx.user.userId,
      created_at: ctx.now(),
      done_at: null,
      version: 1,
    })
    .execute()
  return id
}

/** Marks a task done or open again, from the version the caller saw; a break-the-glass reader only reads. */
export async function setTaskStatus(ctx: RequestContext, trx: Trx, acc: Case, taskId: string, version: number, status: 'open' | 'done') {
  await assertMayChange(trx, ctx.user, acc)
  const result = await trx
    .updateTable('tasks')
    .set({ status, done_at: status === 'done' ? ctx.now() : null, version: version + 1 })
    .where('id', '=', taskId)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
}
