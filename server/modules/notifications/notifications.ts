/**
 * Notifications (issue 11): the API other modules use, and what the app starts.
 *
 *   await notify(trx, { event: 'referral_sent', referralId, code, organisationId }, ctx.services.config)
 *
 * in the transaction of the write that causes the event: the in-app notification and its e-mail
 * exist exactly when that write commits.
 */
import type { Services } from '../../http/context'
import { MailSender, type MailSenderOptions } from './mail.sender'
import { NotificationSchedule } from './notifications.schedule'

export { notify, type NotifyEvent } from './notify'
export { runScheduledNotifications } from './notifications.schedule'

/**
 * Starts the day's scheduled notifications and, when an SMTP server is configured, the e-mail
 * sender; `stop()` on shutdown waits for the e-mail and the check in progress.
 */
export function startNotifications(services: Services, options: Pick<MailSenderOptions, 'log'> = {}) {
  const schedule = new NotificationSchedule(services).start()
  const { smtpUrl, from } = services.config.mail
  const sender = smtpUrl ? new MailSender(services.db, { smtpUrl, from, engine: services.kind, log: options.log }).start() : null
  return {
    async stop() {
      await Promise.all([schedule.stop(), sender?.stop()])
    },
  }
}
