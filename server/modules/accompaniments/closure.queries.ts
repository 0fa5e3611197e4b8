import type { ClosureContext } from '../../../common/contracts/accompaniments.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, rowsOf } from '../../security/case-access'
import { addMonths } from '../tasks/reminders.queries'

/** Active workers and leads of a team, by name: those to whom a closing case's follow-up may go. */
export async function teamWorkers(trx: Trx, teamId: string): Promise<{ userId: string; name: string }[]> {
  const rows = await trx
    .selectFrom('user_teams')
    .innerJoin('user_roles', 'user_roles.user_id', 'user_teams.user_id')
    .innerJoin('users', 'users.id', 'user_teams.user_id')
    .select(['users.id', 'users.display_name'])
    .where('user_teams.team_id', '=', teamId)
    .where('user_roles.role', 'in', ['worker', 'lead'])
    .where('users.disabled', '=', 0)
    .distinct()
    .orderBy('users.display_name')
    .execute()
  return rows.map((r) => ({ userId: r.id, name: r.display_name }))
}

/** The open tasks of a case and the sessions planned from now on: what a closure must settle. */
export async function openFollowUps(trx: Trx, acc: OpenedCase, now: string) {
  const [tasks, sessions] = await Promise.all([
    rowsOf(trx, acc, 'tasks')
      .leftJoin('users', 'users.id', 'tasks.assignee_id')
      .select(['tasks.id', 'tasks.title_sealed', 'tasks.due_date', 'tasks.assignee_id', 'users.display_name'])
      .where('tasks.status', '=', 'open')
      .orderBy('tasks.due_date')
      .limit(500)
      .execute(),
    rowsOf(trx, acc, 'case_sessions')
      .leftJoin('users', 'users.id', 'case_sessions.worker_id')
      .select(['case_sessions.id', 'case_sessions.starts_at', 'case_sessions.modality', 'case_sessions.worker_id', 'users.display_name'])
      .where('case_sessions.status', '=', 'planned')
      .where('case_sessions.starts_at', '>=', now)
      .orderBy('case_sessions.starts_at')
      .limit(500)
      .execute(),
  ])
  return { tasks, sessions }
}

/**
 * Everything the lead needs to decide on a closure, on one screen: the worker's outcome and
 * reason, who asked and when, the last session held, what is still open (task titles opened with
 * the client's key, so the read is recorded under the client), the mandate and the reports owed.
 */
export async function closureContext(ctx: RequestContext, trx: Trx, acc: OpenedCase): Promise<ClosureContext> {
  const now = ctx.now()
  const today = now.slice(0, 10)
  const [open, request, last, reports, candidates] = await Promise.all([
    openFollowUps(trx, acc, now),
    rowsOf(trx, acc, 'accompaniment_events')
      .leftJoin('users', 'users.id', 'accompaniment_events.actor_id')
      .select(['accompaniment_events.at', 'accompaniment_events.actor_id', 'users.display_name'])
      .where('accompaniment_events.type', '=', 'request_closure')
      .orderBy('accompaniment_events.at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    rowsOf(trx, acc, 'case_sessions')
      .leftJoin('users', 'users.id', 'case_sessions.worker_id')
      .select(['case_sessions.id', 'case_sessions.starts_at', 'case_sessions.modality', 'users.display_name'])
      .where('case_sessions.status', '=', 'held')
      .orderBy('case_sessions.starts_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    rowsOf(trx, acc, 'judicial_reports')
      .select((eb) => [eb.fn.countAll<number | string | bigint>().as('n'), eb.fn.max('judicial_reports.sent_at').as('last')])
      .executeTakeFirst(),
    teamWorkers(trx, acc.team_id),
  ])
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const opened = ctx.codec.openRow('accompaniments', key, acc.id, acc)
  const lastSentAt = reports?.last ?? null
  const every = acc.report_every_months
  const from = lastSentAt?.slice(0, 10) ?? acc.mandate_start ?? acc.created_at.slice(0, 10)
  const due = acc.framework === 'judicial' && every ? addMonths(from, every) : null
  // Once the mandate has ended, no further report is expected (as in the reminders).
  const nextDue = due && !(acc.mandate_end && due > acc.mandate_end) ? due : null
  return {
    status: acc.status,
    outcome: acc.closure_outcome,
    reason: acc.status === 'closing' ? opened.closure_reason : null,
    requestedAt: acc.status === 'closing' ? (request?.at ?? null) : null,
    requestedBy: acc.status === 'closing' && request?.actor_id ? { userId: request.actor_id, name: request.display_name ?? null } : null,
    lastSession: last ? { id: last.id, startsAt: last.starts_at, modality: last.modality, workerName: last.display_name ?? null } : null,
    openTasks: open.tasks.map((r) => ({
      id: r.id,
      title: ctx.codec.openRow('tasks', key, r.id, r).title,
      dueDate: r.due_date,
      assigneeId: r.assignee_id,
      assigneeName: r.display_name ?? null,
      overdue: r.due_date < today,
    })),
    plannedSessions: open.sessions.map((s) => ({
      id: s.id,
      startsAt: s.starts_at,
      modality: s.modality,
      workerId: s.worker_id,
      workerName: s.display_name ?? null,
    })),
    mandate: {
      framework: acc.framework,
      measure: acc.measure,
      mandateStart: acc.mandate_start,
      mandateEnd: acc.mandate_end,
      ended: acc.mandate_end !== null && acc.mandate_end < today,
    },
    reports: { everyMonths: every, count: Number(reports?.n ?? 0), lastSentAt, nextDue, overdue: nextDue !== null && nextDue < today },
    handOverTo: candidates,
    version: acc.version,
  }
}
