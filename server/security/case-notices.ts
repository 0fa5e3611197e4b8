import type { Trx } from '../http/context'

/**
 * What the daily notices of cases (modules/notifications, issue 12) may know of cases, read by the
 * system with no actor: ids, codes, dates and the ids of each case's workers — never a name, a
 * note or a relative's identity. Only open cases (active or suspended) are concerned; the workers
 * are those on the case now, so a worker taken off a case is no longer told of it.
 */

/** How long a relative's involvement agreement holds before it is asked again, in months. */
export const RELATIVE_AGREEMENT_MONTHS = 12

const OPEN = ['active', 'suspended'] as const

/** Calendar months, clamped to the month's end (as the reminders count them). */
export function addMonths(date: string, months: number): string {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number)
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, last))
  return target.toISOString().slice(0, 10)
}

async function workersByCase(trx: Trx, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (ids.length === 0) return out
  const rows = await trx
    .selectFrom('accompaniment_workers')
    .select(['accompaniment_workers.accompaniment_id', 'accompaniment_workers.user_id'])
    .where('accompaniment_workers.accompaniment_id', 'in', ids)
    .orderBy('accompaniment_workers.user_id')
    .execute()
  for (const r of rows) out.set(r.accompaniment_id, [...(out.get(r.accompaniment_id) ?? []), r.user_id])
  return out
}

/**
 * Relatives of open cases whose agreement (given on `consent_on`) expires between `today` and
 * `until` included, with the expiry date and the case's workers. At most `limit`.
 */
export async function relativeAgreementsExpiring(trx: Trx, today: string, until: string, limit = 500) {
  const rows = await trx
    .selectFrom('case_relatives')
    .innerJoin('accompaniments', 'accompaniments.id', 'case_relatives.accompaniment_id')
    .select(['case_relatives.id', 'case_relatives.consent_on', 'accompaniments.id as accompaniment_id', 'accompaniments.code'])
    .where('case_relatives.consent', '=', 'given')
    .where('case_relatives.ended_on', 'is', null)
    .where('case_relatives.consent_on', '>=', addMonths(today, -RELATIVE_AGREEMENT_MONTHS))
    .where('case_relatives.consent_on', '<=', addMonths(until, -RELATIVE_AGREEMENT_MONTHS))
    .where('accompaniments.status', 'in', OPEN)
    .orderBy('case_relatives.consent_on')
    .orderBy('case_relatives.id')
    .limit(limit)
    .execute()
  const workers = await workersByCase(trx, [...new Set(rows.map((r) => r.accompaniment_id))])
  return rows.map((r) => ({
    relativeId: r.id,
    accompanimentId: r.accompaniment_id,
    code: r.code,
    expiresOn: addMonths(r.consent_on as string, RELATIVE_AGREEMENT_MONTHS),
    userIds: workers.get(r.accompaniment_id) ?? [],
  }))
}

/**
 * Judicial cases whose next report (the last one sent, or the mandate's start, plus the agreed
 * number of months — as My day's reminders reckon it) is due by `until` and not after the mandate's
 * end, with the due date and the case's workers.
 */
export async function reportsDue(trx: Trx, until: string) {
  const rows = await trx
    .selectFrom('accompaniments')
    .leftJoin('judicial_reports', 'judicial_reports.accompaniment_id', 'accompaniments.id')
    .select((eb) => [
      'accompaniments.id',
      'accompaniments.code',
      'accompaniments.report_every_months',
      'accompaniments.mandate_start',
      'accompaniments.mandate_end',
      'accompaniments.created_at',
      eb.fn.max('judicial_reports.sent_at').as('last_report'),
    ])
    .where('accompaniments.framework', '=', 'judicial')
    .where('accompaniments.report_every_months', 'is not', null)
    .where('accompaniments.status', 'in', OPEN)
    .groupBy([
      'accompaniments.id',
      'accompaniments.code',
      'accompaniments.report_every_months',
      'accompaniments.mandate_start',
      'accompaniments.mandate_end',
      'accompaniments.created_at',
    ])
    .orderBy('accompaniments.id')
    .execute()
  const due = rows
    .map((r) => {
      const from = r.last_report?.slice(0, 10) ?? r.mandate_start ?? r.created_at.slice(0, 10)
      return { accompanimentId: r.id, code: r.code, dueOn: addMonths(from, Number(r.report_every_months)), end: r.mandate_end }
    })
    .filter((r) => r.dueOn <= until && !(r.end && r.dueOn > r.end))
  const workers = await workersByCase(
    trx,
    due.map((r) => r.accompanimentId),
  )
  return due.map(({ end: _end, ...r }) => ({ ...r, userIds: workers.get(r.accompanimentId) ?? [] }))
}
