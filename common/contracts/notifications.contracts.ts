import { z } from 'zod'

/**
 * Notifications (issue 11): an event shown in the app to a user, or to every partner staff member
 * of an organisation, and mailed without personal data (the event, a reference code, a link to
 * sign in). What a notification carries is only that: never a name, a summary or a note.
 */
export const NOTIFICATION_EVENTS = [
  'referral_sent',
  'referral_accepted',
  'referral_declined',
  'referral_completed',
  'charter_renewal_due',
  'callback_due',
] as const
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number]

/** What a notification is about: the web app links to it when the caller may open it. */
export const NOTIFICATION_SUBJECTS = ['referral', 'organisation', 'contact'] as const
export type NotificationSubject = (typeof NOTIFICATION_SUBJECTS)[number]

export const NotificationView = z.object({
  id: z.string(),
  event: z.enum(NOTIFICATION_EVENTS),
  subjectType: z.enum(NOTIFICATION_SUBJECTS),
  subjectId: z.string(),
  /** A pseudonymous reference code (a referral's code, a short contact or organisation reference). */
  reference: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** True when the notification is for the caller's organisation rather than for them alone. */
  forOrganisation: z.boolean(),
})
export type NotificationView = z.infer<typeof NotificationView>

export const NotificationList = z.object({
  items: z.array(NotificationView),
  /** Unread notifications of the caller (their own; for partner staff, their organisation's too). */
  unread: z.number().int().min(0),
})
export type NotificationList = z.infer<typeof NotificationList>

export const NotificationParams = z.object({ id: z.uuid() })
