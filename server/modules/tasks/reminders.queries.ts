import type { NotNull } from 'kysely'
import type { z } from 'zod'
import type { Reminder } from '../../../common/contracts/tasks.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { visibleCases } from '../../security/case-access'

type ReminderView = z.infer<typeof Reminder>

const WINDOW_DAYS = 14
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** Calendar months, clamped to the month's end: 31 January + 1 month is 28 (or 29) February. */
export function addMonths(date: string, months: number): string {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number)
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, last))
  return target.toISOString().slice(0, 10)
}

/**
 * What is coming up on the caller's cases within two weeks, or already late. Mandate ends concern
 * everyone who sees the case (the lead too); reports and reviews concern the workers who do them.
 */
export async function remindersFor(ctx: RequestContext, trx: Trx, today: string): Promise<(ReminderView & { personId: string })[]> {
  const me = ctx.user
  const horizon = addDays(today, WINDOW_DAYS)
  const [mandates, reports, reviews] = await Promise.all([
    visibleCases(trx, me)
      .select(['accompaniments.id', 'accompaniments.code', 'accompaniments.person_id', 'accompaniments.mandate_end'])
      .where('accompaniments.status', 'in', ['active', 'suspended'])
      .where('accompaniments.mandate_end', '>=', today)
      .where('accompaniments.mandate_end', '<=', horizon)
      .$narrowType<{ mandate_end: NotNull }>()
      .orderBy('accompaniments.mandate_end')
      .execute(),
    visibleCases(trx, me, { assigned: true })
      .leftJoin('judicial_reports', 'judicial_reports.accompaniment_id', 'accompaniments.id')
      .select((eb) => [
        'accompaniments.id',
        'accompaniments.code',
        'accompaniments.person_id',
        'accompaniments.report_every_months',
        'accompaniments.mandate_start',
        'accompaniments.mandate_end',
        'accompaniments.created_at',
        eb.fn.max('judicial_reports.sent_at').as('last_report'),
      ])
      .where('accompaniments.framework', '=', 'judicial')
      .where('accompaniments.report_every_months', 'is not', null)
      .where('accompaniments.status', 'in', ['active', 'suspended'])
      .groupBy([
        'accompaniments.id',
        'accompaniments.code',
        'accompaniments.person_id',
        'accompaniments.report_every_months',
        'accompaniments.mandate_start',
        'accompaniments.mandate_end',
        'accompaniments.created_at',
      ])
      .execute(),
    visibleCases(trx, me, { assigned: true })
      .leftJoin('assessments', (j) =>
        j.onRef('assessments.accompaniment_id', '=', 'accompaniments.id').on('assessments.instrument_id', '=', 'progress-review'),
      )
      .select((eb) => [
        'accompaniments.id',
        'accompaniments.code',
        'accompaniments.person_id',
        'accompaniments.created_at',
        eb.fn.max('assessments.taken_on').as('last_review'),
      ])
      .where('accompaniments.status', '=', 'active')
      .groupBy(['accompaniments.id', 'accompaniments.code', 'accompaniments.person_id', 'accompaniments.created_at'])
      .execute(),
  ])
  const out: (ReminderView & { personId: string })[] = mandates.map((m) => ({
    type: 'mandate_end',
    accompanimentId: m.id,
    accompanimentCode: m.code,
    personId: m.person_id,
    date: m.mandate_end,
  }))
  for (const r of reports) {
    const from = r.last_report?.slice(0, 10) ?? r.mandate_start ?? r.created_at.slice(0, 10)
    const due = addMonths(from, Number(r.report_every_months))
    // Once the mandate has ended, no further report is expected.
    if (due <= horizon && !(r.mandate_end && due > r.mandate_end))
      out.push({ type: 'report_due', accompanimentId: r.id, accompanimentCode: r.code, personId: r.person_id, date: due })
  }
  for (const r of reviews) {
    const due = addMonths(r.last_review ?? r.created_at.slice(0, 10), ctx.services.config.reviewEveryMonths)
    if (due <= horizon) out.push({ type: 'review_due', accompanimentId: r.id, accompanimentCode: r.code, personId: r.person_id, date: due })
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.accompanimentCode.localeCompare(b.accompanimentCode))
}
