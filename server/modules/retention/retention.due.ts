import { RETENTION_KINDS, type RetentionDue, type RetentionKind } from '../../../common/contracts/retention.contracts'
import type { Trx } from '../../http/context'
import { serviceDayStart, serviceToday } from '../../time/service-day'
import { dpoClosedCases, dpoUnlinkedContacts } from '../../security/dpo-door'
import { addMonths } from '../dpo-requests/dpo-requests.deadline'

const LIST_LIMIT = 500
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

type Candidate = { id: string; code: string | null; since: string; held: boolean }

/**
 * What is due under the schedules on `today` (the service's day): an item is due when its term,
 * counted in whole months from the day its trigger happened, has run out by today. Instants are
 * compared with the start of the day after the last trigger day that is due, in the service's
 * time zone, so that "closed on 3 March, kept 12 months" is due on 3 March of the next year
 * whatever the hour. The dry run and the real run both read this one function: they cannot
 * disagree on what a run would take (a run's snapshot asks for every item: `limit` Infinity).
 */
export async function retentionDue(trx: Trx, now: string, limit = LIST_LIMIT): Promise<RetentionDue> {
  const today = serviceToday(now)
  const schedules = await trx.selectFrom('retention_schedules').select(['kind', 'months']).execute()
  const monthsOf = (kind: RetentionKind) => schedules.find((s) => s.kind === kind)?.months ?? null
  const kinds: RetentionDue['kinds'] = []
  const items: RetentionDue['items'] = []
  let truncated = false
  for (const kind of RETENTION_KINDS) {
    const months = monthsOf(kind)
    if (months === null || kind === 'audit_log') {
      kinds.push({ kind, months, due: 0, held: 0 })
      continue
    }
    // The last trigger day that is due today, and the first instant after it.
    const lastDay = addMonths(today, -months)
    const before = serviceDayStart(nextDay(lastDay))
    const found = await candidates(trx, kind, lastDay, before)
    const subject = kind === 'contact_unlinked' ? 'contact' : kind === 'dpo_request' ? 'dpo_request' : 'case'
    kinds.push({ kind, months, due: found.filter((c) => !c.held).length, held: found.filter((c) => c.held).length })
    for (const c of found) {
      if (items.length >= limit) {
        truncated = true
        break
      }
      items.push({ kind, subject, id: c.id, code: c.code, since: c.since, held: c.held })
    }
  }
  return { asOf: today, kinds, items, truncated }
}

async function candidates(trx: Trx, kind: Exclude<RetentionKind, 'audit_log'>, lastDay: string, before: string): Promise<Candidate[]> {
  if (kind === 'contact_unlinked') {
    // A contact that led to no person and no case, once finalised: its day is when it happened.
    const rows = await dpoUnlinkedContacts(trx, before)
    return rows.map((r) => ({ id: r.id, code: null, since: serviceToday(r.occurred_at), held: false }))
  }
  if (kind === 'dpo_request') {
    const rows = await trx
      .selectFrom('dpo_requests')
      .select(['id', 'code', 'closed_on'])
      .where('status', '=', 'closed')
      .where('closed_on', 'is not', null)
      .where('anonymised_at', 'is', null)
      .where('closed_on', '<=', lastDay)
      .orderBy('closed_on')
      .execute()
    return rows.map((r) => ({ id: r.id, code: r.code, since: r.closed_on as string, held: false }))
  }
  // A closed case's term runs from its last approved closure (a reopened and closed-again case
  // from the last one).
  const rows = await dpoClosedCases(trx, kind, before)
  return rows.map((r) => ({ id: r.id, code: r.code, since: serviceToday(r.closedAt), held: r.held }))
}
