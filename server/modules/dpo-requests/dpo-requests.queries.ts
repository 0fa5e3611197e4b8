import { DPO_REQUEST_WARNING_DAYS, type DpoRequestDeadline, type DpoRequestView } from '../../../common/contracts/dpo-requests.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { personCodes } from '../../security/person-access'
import { serviceToday } from '../../time/service-day'
import { addDays, daysBetween } from './dpo-requests.deadline'
import type { DpoRequestRow } from './dpo-requests.lookup'

/** Still to be answered: a decision (or closure) is the answer the deadline is about. */
export const UNANSWERED = ['received', 'in_progress'] as const

/** How a request's deadline stands on the service's day `today`. */
export function deadlineOf(row: Pick<DpoRequestRow, 'status' | 'due_on' | 'extended_to'>, today: string) {
  const due = row.extended_to ?? row.due_on
  const daysLeft = daysBetween(today, due)
  const deadline: DpoRequestDeadline = !(UNANSWERED as readonly string[]).includes(row.status)
    ? 'answered'
    : daysLeft < 0
      ? 'overdue'
      : daysLeft <= DPO_REQUEST_WARNING_DAYS
        ? 'due_soon'
        : 'on_time'
  return { deadline, daysLeft }
}

/** The counts the DPO's screens warn about, over every request still to answer. */
export async function deadlineWarnings(trx: Trx, today: string) {
  const rows = await trx
    .selectFrom('dpo_requests')
    .select(['due_on', 'extended_to'])
    .where('status', 'in', [...UNANSWERED])
    .where((eb) => eb(eb.fn.coalesce('extended_to', 'due_on'), '<=', addDays(today, DPO_REQUEST_WARNING_DAYS)))
    .execute()
  const overdue = rows.filter((r) => (r.extended_to ?? r.due_on) < today).length
  return { overdue, dueSoon: rows.length - overdue }
}

/** Requests as the DPO reads them, their sealed words opened with each one's key. */
export async function presentRequests(ctx: RequestContext, trx: Trx, rows: DpoRequestRow[]): Promise<DpoRequestView[]> {
  if (rows.length === 0) return []
  const today = serviceToday(ctx.now())
  const personIds = [...new Set(rows.flatMap((r) => (r.person_id ? [r.person_id] : [])))]
  const userIds = [...new Set(rows.flatMap((r) => [r.created_by, ...(r.rectified_by ? [r.rectified_by] : [])]))]
  const [keys, persons, users] = await Promise.all([
    ctx.codec.personKeys(trx, [...new Set(rows.map((r) => r.key_id))]),
    personCodes(trx, personIds),
    trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute(),
  ])
  const userRef = (id: string) => ({ id, displayName: users.find((u) => u.id === id)?.display_name ?? '' })
  return rows.map((r) => {
    const key = keys.get(r.key_id)
    // A key gone means the subject was erased since: the register keeps the request, not its words.
    const words = key ? ctx.codec.openRow('dpo_requests', key, r.id, r) : { details: null, extension_reason: null, decision_reason: null }
    const personCode = r.person_id ? persons.get(r.person_id) : undefined
    return {
      id: r.id,
      code: r.code,
      version: r.version,
      kind: r.kind,
      person: r.person_id && personCode ? { id: r.person_id, code: personCode } : null,
      requester: r.requester,
      channel: r.channel,
      identityCheck: r.identity_check,
      receivedOn: r.received_on,
      dueOn: r.extended_to ?? r.due_on,
      extendedTo: r.extended_to,
      status: r.status,
      decision: r.decision,
      closedOn: r.closed_on,
      details: words.details,
      extensionReason: words.extension_reason,
      decisionReason: words.decision_reason,
      createdBy: userRef(r.created_by),
      createdAt: r.created_at,
      rectification: r.rectified_by && r.rectified_at ? { by: userRef(r.rectified_by), at: r.rectified_at } : null,
      ...deadlineOf(r, today),
    }
  })
}
