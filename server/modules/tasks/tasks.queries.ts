import type { TaskView } from '../../../common/contracts/tasks.contracts'
import type { Actor, RequestContext, Row, Trx } from '../../http/context'
import { type OpenedCase, rowsOf, visibleRows } from '../../security/case-access'
import { serviceToday } from '../../time/service-day'

const COLUMNS = [
  'tasks.id',
  'tasks.accompaniment_id',
  'accompaniments.code',
  'accompaniments.person_id',
  'tasks.title_sealed',
  'tasks.due_date',
  'tasks.due_time',
  'tasks.status',
  'tasks.assignee_id',
  'tasks.version',
] as const

type TaskRow = Pick<
  Row<'tasks'>,
  'id' | 'accompaniment_id' | 'title_sealed' | 'due_date' | 'due_time' | 'status' | 'assignee_id' | 'version'
> &
  Pick<Row<'accompaniments'>, 'code' | 'person_id'>

/** Tasks of one opened case, by due date (or the one task asked for). */
export async function tasksOfCase(ctx: RequestContext, trx: Trx, acc: OpenedCase, taskId?: string): Promise<TaskView[]> {
  let q = rowsOf(trx, acc, 'tasks').innerJoin('accompaniments', 'accompaniments.id', 'tasks.accompaniment_id').select(COLUMNS)
  if (taskId) q = q.where('tasks.id', '=', taskId)
  return present(ctx, trx, await q.orderBy('tasks.due_date').orderBy('tasks.due_time').limit(500).execute())
}

/** The actor's own open tasks, due in a window, on the cases they may see: a task outlives no one's access. */
export async function myOpenTasks(
  ctx: RequestContext,
  trx: Trx,
  actor: Actor,
  due: { before: string; from?: string },
): Promise<TaskView[]> {
  let q = visibleRows(trx, actor, 'tasks')
    .select(COLUMNS)
    .where('tasks.assignee_id', '=', actor.userId)
    .where('tasks.status', '=', 'open')
    .where('tasks.due_date', '<', due.before)
  if (due.from) q = q.where('tasks.due_date', '>=', due.from)
  return present(ctx, trx, await q.orderBy('tasks.due_date').limit(500).execute())
}

/** Titles opened with each client's key (recorded on the audit entry as persons shown). */
async function present(ctx: RequestContext, trx: Trx, rows: TaskRow[]): Promise<TaskView[]> {
  const keys = await ctx.codec.personKeys(
    trx,
    rows.map((r) => r.person_id),
  )
  const today = serviceToday(ctx.now())
  return rows.flatMap((r) => {
    const key = keys.get(r.person_id)
    if (!key) return []
    return [
      {
        id: r.id,
        accompanimentId: r.accompaniment_id,
        accompanimentCode: r.code,
        title: ctx.codec.openRow('tasks', key, r.id, r).title,
        dueDate: r.due_date,
        dueTime: r.due_time,
        status: r.status,
        assigneeId: r.assignee_id,
        overdue: r.status === 'open' && r.due_date < today,
        version: r.version,
      },
    ]
  })
}
