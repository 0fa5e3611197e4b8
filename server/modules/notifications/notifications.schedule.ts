import type { Services } from '../../http/context'
import { asStaff } from '../../http/staff-fence'
import { relativeAgreementsExpiring, reportsDue } from '../../security/case-notices'
import { callBacksDue } from '../../security/contact-access'
import { systemContext } from '../../seed/system-context'
import { addDays, brussels } from '../duty/duty.time'
import { notify } from './notify'

/** Days before a charter's renewal date from which its leads are told (issue 11). */
export const CHARTER_NOTICE_DAYS = 30
/** Days before a relative's agreement expires from which the case's workers are told (issue 12). */
export const AGREEMENT_NOTICE_DAYS = 30
/** Days before a report is due from which the case's workers are told (issue 12). */
export const REPORT_NOTICE_DAYS = 7

/**
 * The day's scheduled notifications, for `now`'s date in Brussels: every active partner whose
 * charter is to be renewed within 30 days (or is overdue) is notified to the leads once per
 * renewal date, and every call-back due that day or before and not yet made to the people on
 * duty that day (else to its assignee) once per contact and day. Safe to run again and on several
 * instances at once: each notice carries a dedupe key. Issue 12 adds, to the case's workers, each
 * relative's agreement expiring within 30 days (once per relative and expiry date) and each
 * judicial report due within 7 days or late (once per case and due date). One audited system transaction, whose
 * entry counts what was queued (ids and dates only were read).
 */
export async function runScheduledNotifications(services: Services, now = new Date()) {
  const today = brussels(now).date
  const ctx = await systemContext(services, null, `schedule:notifications:${today}`)
  return ctx.write('notification.scheduled', async (trx, audit) => {
    let notices = 0
    let mails = 0
    const add = (r: { notifications: number; mails: number }) => {
      notices += r.notifications
      mails += r.mails
    }
    const charters = await asStaff(trx)
      .selectFrom('partner_organisations')
      .select(['id', 'charter_renew_on'])
      .where('active', '=', 1)
      .where('charter_renew_on', 'is not', null)
      .where('charter_renew_on', '<=', addDays(today, CHARTER_NOTICE_DAYS))
      .orderBy('id')
      .execute()
    for (const c of charters) {
      add(await notify(trx, { event: 'charter_renewal_due', organisationId: c.id, renewOn: c.charter_renew_on as string }, services.config))
    }
    const onDuty = await asStaff(trx)
      .selectFrom('duty_rota')
      .select('user_id')
      .where('on_date', '=', today)
      .where('user_id', 'is not', null)
      .execute()
    const dutyIds = onDuty.map((r) => r.user_id as string)
    const due = await callBacksDue(trx, today)
    for (const c of due) {
      const userIds = dutyIds.length > 0 ? dutyIds : c.callback_assignee_id ? [c.callback_assignee_id] : []
      if (userIds.length === 0) continue
      add(await notify(trx, { event: 'callback_due', contactId: c.id, date: today, userIds }, services.config))
    }
    const agreements = await relativeAgreementsExpiring(trx, today, addDays(today, AGREEMENT_NOTICE_DAYS))
    for (const a of agreements) {
      if (a.userIds.length === 0) continue
      add(await notify(trx, { event: 'relative_agreement_expiring', ...a }, services.config))
    }
    const reports = await reportsDue(trx, addDays(today, REPORT_NOTICE_DAYS))
    for (const r of reports) {
      if (r.userIds.length === 0) continue
      add(await notify(trx, { event: 'report_due', ...r }, services.config))
    }
    audit.detail({
      date: today,
      charters: charters.length,
      callBacks: due.length,
      agreements: agreements.length,
      reports: reports.length,
      notifications: notices,
      mails,
    })
    return { date: today, notifications: notices, mails }
  })
}

/**
 * Runs the day's check at start and then whenever the date in Brussels has changed, looking every
 * `everyMs` (default 15 minutes). Started with the app, stopped on shutdown.
 */
export class NotificationSchedule {
  readonly #services: Services
  readonly #everyMs: number
  #timer: NodeJS.Timeout | null = null
  #running: Promise<unknown> | null = null
  #lastDate: string | null = null

  constructor(services: Services, options: { everyMs?: number } = {}) {
    this.#services = services
    this.#everyMs = options.everyMs ?? 15 * 60_000
  }

  start(): this {
    if (this.#timer) return this
    this.#tick(0)
    return this
  }

  #tick(ms: number): void {
    this.#timer = setTimeout(() => {
      const today = brussels(new Date()).date
      if (today === this.#lastDate) return this.#tick(this.#everyMs)
      this.#running = runScheduledNotifications(this.#services)
        .then(() => {
          this.#lastDate = today
        })
        .catch(() => undefined) // the database is unreachable for now: tried again at the next look
        .finally(() => {
          this.#running = null
          if (this.#timer) this.#tick(this.#everyMs)
        })
    }, ms)
    this.#timer.unref()
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#running
  }
}
