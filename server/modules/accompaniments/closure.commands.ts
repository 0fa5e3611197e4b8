import type { z } from 'zod'
import type { ClosureDecisionBody } from '../../../common/contracts/accompaniments.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { type ManageableCase, updateRows } from '../../security/case-access'
import { checkTeamWorkers } from './accompaniments.commands'
import { openFollowUps } from './closure.queries'

type Decision = z.output<typeof ClosureDecisionBody>

/** What an approved closure did with the case's open tasks and planned sessions: written on its timeline line. */
export type FollowUp = {
  tasksKept: number
  tasksCancelled: number
  tasksHandedOver: number
  sessionsKept: number
  sessionsCancelled: number
  sessionsHandedOver: number
  handOverTo?: string
  handOverToName?: string | null
}

/**
 * Settles, before the case closes, what is still open on it, as the lead chose: open tasks and
 * sessions planned from now on are cancelled with the closure, handed over to a worker of the
 * team (who becomes a co-worker of the case if they were not, so that the tasks stay on their own
 * list, on a closed case), or kept as they are. The counts go on the closure's timeline line.
 */
export async function settleFollowUps(ctx: RequestContext, trx: Trx, acc: ManageableCase, decision: Decision): Promise<FollowUp> {
  if (acc.access !== 'lead') throw fail('access.forbidden')
  if (acc.status !== 'closing') throw fail('state.invalid_transition')
  const now = ctx.now()
  const open = await openFollowUps(trx, acc, now)
  const handing =
    (open.tasks.length > 0 && decision.openTasks === 'hand_over') || (open.sessions.length > 0 && decision.plannedSessions === 'hand_over')
  const to = handing ? decision.handOverTo : null
  let toName: string | null = null
  if (to) {
    await checkTeamWorkers(trx, acc.team_id, [to], 'handOverTo')
    const worker = await trx
      .selectFrom('accompaniment_workers')
      .select('user_id')
      .where('accompaniment_id', '=', acc.id)
      .where('user_id', '=', to)
      .executeTakeFirst()
    if (!worker) await trx.insertInto('accompaniment_workers').values({ accompaniment_id: acc.id, user_id: to, role: 'co' }).execute()
    const user = await trx.selectFrom('users').select('display_name').where('id', '=', to).executeTakeFirst()
    toName = user?.display_name ?? null
  }
  const out: FollowUp = {
    tasksKept: decision.openTasks === 'keep' ? open.tasks.length : 0,
    tasksCancelled: 0,
    tasksHandedOver: 0,
    sessionsKept: decision.plannedSessions === 'keep' ? open.sessions.length : 0,
    sessionsCancelled: 0,
    sessionsHandedOver: 0,
  }
  const taskIds = open.tasks.map((t) => t.id)
  if (taskIds.length > 0) {
    const tasks = updateRows(trx, acc, 'tasks').where('tasks.id', 'in', taskIds).where('tasks.status', '=', 'open')
    if (decision.openTasks === 'cancel') {
      const r = await tasks
        .set((eb) => ({ status: 'cancelled' as const, done_at: now, version: eb('tasks.version', '+', 1) }))
        .executeTakeFirst()
      out.tasksCancelled = Number(r.numUpdatedRows)
    } else if (to) {
      const r = await tasks.set((eb) => ({ assignee_id: to, version: eb('tasks.version', '+', 1) })).executeTakeFirst()
      out.tasksHandedOver = Number(r.numUpdatedRows)
    }
  }
  const sessionIds = open.sessions.map((s) => s.id)
  if (sessionIds.length > 0) {
    const sessions = updateRows(trx, acc, 'case_sessions')
      .where('case_sessions.id', 'in', sessionIds)
      .where('case_sessions.status', '=', 'planned')
    if (decision.plannedSessions === 'cancel') {
      const r = await sessions
        .set((eb) => ({ status: 'cancelled' as const, updated_at: now, version: eb('case_sessions.version', '+', 1) }))
        .executeTakeFirst()
      out.sessionsCancelled = Number(r.numUpdatedRows)
    } else if (to) {
      const r = await sessions
        .set((eb) => ({ worker_id: to, updated_at: now, version: eb('case_sessions.version', '+', 1) }))
        .executeTakeFirst()
      out.sessionsHandedOver = Number(r.numUpdatedRows)
    }
  }
  if (to && (out.tasksHandedOver || out.sessionsHandedOver)) Object.assign(out, { handOverTo: to, handOverToName: toName })
  return out
}
