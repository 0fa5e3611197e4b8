import type { ExpressionBuilder } from 'kysely'
import type { z } from 'zod'
import type { Reminder } from '../../../common/contracts/tasks.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { visibleIn } from '../accompaniments/accompaniments.visibility'

type ReminderView = z.infer<typeof Reminder>

const WINDOW_DAYS = 14
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** Calendar months, clamped to the month's end: 31 January + 1 month is 28 (or 29) February. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, last))
  return target.toISOString().slice(0, 10)
}

/**
 * What is coming up on the caller's cases within two weeks, or already late. Mandate ends concern
 * everyone who sees the case (the lead too); reports and reviews concern the workers who do them.
 */
export async function remindersFor(ctx: RequestContext, trx: Trx, today: string): Promise<ReminderView[]> {
  const me = ctx.user
  const horizon = addDays(today, WINDOW_DAYS)
  // Written as IN over the caller's own index range (accompaniment_workers_user), so that the
  // database starts from their cases instead of testing every case in the table.
  const mine = (eb: ExpressionBuilder<any, 'accompaniments'>) =>
    eb(
      'accompaniments.id',
      'in',
      eb.selectFrom('accompaniment_workers as rw').select('rw.accompaniment_id').where('rw.user_id', '=', me.userId),
    )
  const [mandates, reports, reviews] = await Promise.all([
    trx
      .selectFrom('accompaniments')
      .select(['accompaniments.id', 'accompaniments.code', 'accompaniments.mandate_end'])
      .where(visibleIn(me))
      .where('accompaniments.status', 'in', ['active', 'suspended'])
      .where('accompaniments.mandate_end', '>=', today)
      .where('accompaniments.mandate_end', '<=', horizon)
      .orderBy('accompaniments.mandate_end')
      .execute(),
    trx
      .selectFrom('accompaniments')
      .select((eb) => [
        'accompaniments.id',
        'accompaniments.code',
        'accompaniments.report_every_months',
        'accompaniments.mandate_start',
        'accompaniments.mandate_end',
        'accompaniments.created_at',
        eb
          .selectFrom('judicial_reports')
          .select((r) => r.fn.max('judicial_reports.sent_at').as('m'))
          .whereRef('judicial_reports.accompaniment_id', '=', 'accompaniments.id')
          .as('last_report'),
      ])
      .where(mine)
      .where('accompaniments.framework', '=', 'judicial')
      .where('accompaniments.report_every_months', 'is not', null)
      .where('accompaniments.status', 'in', ['active', 'suspended'])
      .execute(),
    trx
      .selectFrom('accompaniments')
      .select((eb) => [
        'accompaniments.id',
        'accompaniments.code',
        'accompaniments.created_at',
        eb
          .selectFrom('assessments')
          .select((r) => r.fn.max('assessments.taken_on').as('m'))
          .whereRef('assessments.accompaniment_id', '=', 'accompaniments.id')
          .where('assessments.instrument_id', '=', 'progress-review')
          .as('last_review'),
      ])
      .where(mine)
      .where('accompaniments.status', '=', 'active')
      .execute(),
  ])
  const out: ReminderView[] = mandates.map((m) => ({
    type: 'mandate_end',
    accompanimentId: m.id,
    accompanimentCode: m.code,
    date: m.mandate_end as string,
  }))
  for (const r of reports) {
    const from = (r.last_report as string | null)?.slice(0, 10) ?? r.mandate_start ?? r.created_at.slice(0, 10)
    const due = addMonths(from, Number(r.report_every_months))
    // Once the mandate has ended, no further report is expected.
    if (due <= horizon && !(r.mandate_end && due > r.mandate_end))
      out.push({ type: 'report_due', accompanimentId: r.id, accompanimentCode: r.code, date: due })
  }
  for (const r of reviews) {
    const due = addMonths((r.last_review as string | null) ?? r.created_at.slice(0, 10), ctx.services.config.reviewEveryMonths)
    if (due <= horizon) out.push({ type: 'review_due', accompanimentId: r.id, accompanimentCode: r.code, date: due })
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.accompanimentCode.localeCompare(b.accompanimentCode))
}
