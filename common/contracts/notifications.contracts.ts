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
  // Issue 12: the daily work of a case.
  'case_assigned',
  'closure_approved',
  'closure_refused',
  'case_break_glass',
  'task_assigned',
  'relative_agreement_expiring',
  'report_due',
] as const
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number]

/** What a notification is about: the web app links to it when the caller may open it. */
export const NOTIFICATION_SUBJECTS = ['referral', 'organisation', 'contact', 'accompaniment'] as const
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

/**
 * The events a user may choose how to hear of (issue 12): every event told to a person rather than
 * to a partner organisation's shared inbox.
 */
export const PREFERENCE_EVENTS = NOTIFICATION_EVENTS.filter((e): e is Exclude<NotificationEvent, 'referral_sent'> => e !== 'referral_sent')
export type PreferenceEvent = Exclude<NotificationEvent, 'referral_sent'>

export const NotificationPreference = z.object({
  event: z.enum(PREFERENCE_EVENTS as [PreferenceEvent, ...PreferenceEvent[]]),
  inApp: z.boolean(),
  email: z.boolean(),
})
/** Every event with the user's choice (in the app and by e-mail when they have chosen nothing). */
export const NotificationPreferences = z.object({
  items: z.array(NotificationPreference),
  /** False when the service sends no e-mail (no SMTP server): the e-mail choices then change nothing. */
  emailAvailable: z.boolean(),
})
export type NotificationPreferences = z.infer<typeof NotificationPreferences>
/** The choices to change; events not listed keep theirs. */
export const NotificationPreferencesBody = z.object({ items: z.array(NotificationPreference).min(1).max(PREFERENCE_EVENTS.length) })
