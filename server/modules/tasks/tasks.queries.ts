import type { TaskView } from '../../../common/contracts/tasks.contracts'
import type { RequestContext, Trx } from '../../http/context'

type Filter = { accompanimentId?: string; assigneeId?: string; taskId?: string; open?: boolean; dueBefore?: string; dueFrom?: string }

/** Tasks with their titles opened; callers filter by a case they may see, or by themselves. */
export async function listTasks(ctx: RequestContext, trx: Trx, f: Filter): Promise<TaskView[]> {
  let q = trx
    .selectFrom('tasks')
    .innerJoin('accompaniments', 'accompaniments.id', 'tasks.accompaniment_id')
    .select([
      'tasks.id',
      'tasks.accompaniment_id',
      'accompaniments.code',
      'accompaniments.person_id',
      'tasks.title_sealed',
      'tasks.due_date',
      'tasks.status',
      'tasks.assignee_id',
      'tasks.version',
    ])
  if (f.accompanimentId) q = q.where('tasks.accompaniment_id', '=', f.accompanimentId)
  if (f.assigneeId) q = q.where('tasks.assignee_id', '=', f.assigneeId)
  if (f.taskId) q = q.where('tasks.id', '=', f.taskId)
  if (f.open) q = q.where('tasks.status', '=', 'open')
  if (f.dueBefore) q = q.where('tasks.due_date', '<', f.dueBefore)
  if (f.dueFrom) q = q.where('tasks.due_date', '>=', f.dueFrom)
  const rows = await q.orderBy('tasks.due_date').limit(500).execute()
  const keys = await ctx.codec.personKeys(
    trx,
    rows.map((r) => r.person_id),
  )
  const today = ctx.now().slice(0, 10)
  return rows.flatMap((r) => {
    const key = keys.get(r.person_id)
    if (!key) return []
    return [
      {
        id: r.id,
        accompanimentId: r.accompaniment_id,
        accompanimentCode: r.code,
        title: String(ctx.codec.openRow('tasks', key, r.id, r).title),
        dueDate: r.due_date,
        status: r.status as TaskView['status'],
        assigneeId: r.assignee_id,
        overdue: r.status === 'open' && r.due_date < today,
        version: r.version,
      },
    ]
  })
}
