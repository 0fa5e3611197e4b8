import crypto from 'node:crypto'
import type { NotificationEvent, NotificationSubject } from '../../../common/contracts/notifications.contracts'
import { LANGUAGES, type Language } from '../../../common/roles'
import type { Config } from '../../config'
import { fromJson } from '../../db/json'
import { asStaff, type StaffTx } from '../../http/staff-fence'

/**
 * What a module tells `notify`. Only ids and a pseudonymous reference code: nothing here may name
 * a person or quote case content, since it is shown in the app and mailed as is.
 */
export type NotifyEvent =
  /** To the organisation's partner staff in the app, and mailed to its referral address. */
  | { event: 'referral_sent'; referralId: string; code: string; organisationId: string }
  /** To the worker who sent the referral. */
  | { event: 'referral_accepted' | 'referral_declined' | 'referral_completed'; referralId: string; code: string; userId: string }
  /** To every active lead, once per organisation and renewal date. */
  | { event: 'charter_renewal_due'; organisationId: string; renewOn: string }
  /** To the people on duty, once per contact and day. */
  | { event: 'callback_due'; contactId: string; date: string; userIds: readonly string[] }
  /** To the workers newly put on a case (issue 12). */
  | { event: 'case_assigned'; accompanimentId: string; code: string; userIds: readonly string[] }
  /** To the worker who asked to close the case. */
  | { event: 'closure_approved' | 'closure_refused'; accompanimentId: string; code: string; userId: string }
  /** To the case's workers, when someone outside it breaks the glass. */
  | { event: 'case_break_glass'; accompanimentId: string; code: string; userIds: readonly string[] }
  /** To the one a task was given to by someone else. */
  | { event: 'task_assigned'; accompanimentId: string; code: string; userId: string }
  /** To the case's workers, once per relative and expiry date. */
  | {
      event: 'relative_agreement_expiring'
      accompanimentId: string
      relativeId: string
      code: string
      expiresOn: string
      userIds: readonly string[]
    }
  /** To the case's workers, once per case and due date. */
  | { event: 'report_due'; accompanimentId: string; code: string; dueOn: string; userIds: readonly string[] }

type Recipient = {
  userId: string | null
  organisationId: string | null
  email: string | null
  language: Language
  /** The user's choice for this event (an organisation's notices have none: both). */
  inApp: boolean
  byEmail: boolean
}
type Delivery = {
  event: NotificationEvent
  subjectType: NotificationSubject
  subjectId: string
  reference: string
  /** Set for scheduled events: the same key never notifies or mails twice. */
  dedupeKey: string | null
  recipients: Recipient[]
}

/** The link every e-mail carries: the sign-in page, nothing that names the subject. */
export const signInLink = (config: Pick<Config, 'mail'>) => `${config.mail.baseUrl}/login`

/** A short reference for subjects without a code of their own (a contact, an organisation): no name. */
export const shortReference = (prefix: 'C' | 'P', id: string) => `${prefix}-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`

/** A stable UUID (version 8, RFC 9562) from a dedupe key, so that a repeated insert conflicts. */
function idFor(key: string): string {
  const h = crypto.createHash('sha256').update(key).digest('hex')
  const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const languageOf = (spoken: readonly string[]): Language =>
  spoken.map((l) => l.toLowerCase()).find((l): l is Language => (LANGUAGES as readonly string[]).includes(l)) ?? 'fr'

/** The service's language when an account has chosen none. */
export const DEFAULT_LANGUAGE: Language = 'fr'

async function users(trx: StaffTx, ids: readonly string[], event: NotificationEvent): Promise<Recipient[]> {
  if (ids.length === 0) return []
  const rows = await asStaff(trx)
    .selectFrom('users')
    .leftJoin('notification_preferences as p', (j) => j.onRef('p.user_id', '=', 'users.id').on('p.event', '=', event))
    .select(['users.id', 'users.email', 'users.language', 'p.in_app', 'p.email as by_email'])
    .where('users.id', 'in', [...new Set(ids)])
    .where('users.disabled', '=', 0)
    .orderBy('users.id')
    .execute()
  return rows.map((u) => ({
    userId: u.id,
    organisationId: null,
    email: u.email,
    language: u.language ?? DEFAULT_LANGUAGE,
    // No row: the user has not chosen, and hears of it both ways.
    inApp: u.in_app !== 0,
    byEmail: u.by_email !== 0,
  }))
}

async function leads(trx: StaffTx): Promise<string[]> {
  const rows = await asStaff(trx)
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.id')
    .where('user_roles.role', '=', 'lead')
    .where('users.disabled', '=', 0)
    .execute()
  return rows.map((r) => r.id)
}

async function deliveryOf(trx: StaffTx, e: NotifyEvent): Promise<Delivery> {
  switch (e.event) {
    case 'referral_sent': {
      const org = await asStaff(trx)
        .selectFrom('partner_organisations')
        .select(['referral_email', 'languages'])
        .where('id', '=', e.organisationId)
        .executeTakeFirstOrThrow()
      const language = languageOf(fromJson(org.languages))
      return {
        event: e.event,
        subjectType: 'referral',
        subjectId: e.referralId,
        reference: e.code,
        dedupeKey: null,
        recipients: [{ userId: null, organisationId: e.organisationId, email: org.referral_email, language, inApp: true, byEmail: true }],
      }
    }
    case 'referral_accepted':
    case 'referral_declined':
    case 'referral_completed':
      return {
        event: e.event,
        subjectType: 'referral',
        subjectId: e.referralId,
        reference: e.code,
        dedupeKey: null,
        recipients: await users(trx, [e.userId], e.event),
      }
    case 'charter_renewal_due':
      return {
        event: e.event,
        subjectType: 'organisation',
        subjectId: e.organisationId,
        reference: shortReference('P', e.organisationId),
        dedupeKey: `charter_renewal_due:${e.organisationId}:${e.renewOn}`,
        recipients: await users(trx, await leads(trx), e.event),
      }
    case 'callback_due':
      return {
        event: e.event,
        subjectType: 'contact',
        subjectId: e.contactId,
        reference: shortReference('C', e.contactId),
        dedupeKey: `callback_due:${e.contactId}:${e.date}`,
        recipients: await users(trx, e.userIds, e.event),
      }
    case 'case_assigned':
    case 'case_break_glass':
    case 'closure_approved':
    case 'closure_refused':
    case 'task_assigned':
      return {
        event: e.event,
        subjectType: 'accompaniment',
        subjectId: e.accompanimentId,
        reference: e.code,
        dedupeKey: null,
        recipients: await users(trx, 'userIds' in e ? e.userIds : [e.userId], e.event),
      }
    case 'relative_agreement_expiring':
      return {
        event: e.event,
        subjectType: 'accompaniment',
        subjectId: e.accompanimentId,
        reference: e.code,
        dedupeKey: `relative_agreement_expiring:${e.relativeId}:${e.expiresOn}`,
        recipients: await users(trx, e.userIds, e.event),
      }
    case 'report_due':
      return {
        event: e.event,
        subjectType: 'accompaniment',
        subjectId: e.accompanimentId,
        reference: e.code,
        dedupeKey: `report_due:${e.accompanimentId}:${e.dueOn}`,
        recipients: await users(trx, e.userIds, e.event),
      }
  }
}

/**
 * Records an event in the caller's transaction: the in-app notification(s) — one per user, or one
 * for an organisation, shown to all its partner staff — and, when e-mail is configured and the
 * recipient has an address, the e-mail in `mail_outbox`, so that both exist exactly when the
 * change that caused them commits (a rolled-back write leaves neither). Without an SMTP server
 * (`PARCOURS_SMTP_URL` unset) nothing is queued: a later configuration does not send a backlog of
 * stale events. A scheduled event carries a dedupe key: calling again for the same key (the next
 * check, another instance) changes nothing. A user who turned an event off in the app or by
 * e-mail (`notification_preferences`, set on the account page) is not told that way. The e-mail is
 * in the recipient's chosen language (French when none). Returns how many notifications and
 * e-mails were new.
 */
export async function notify(
  trx: StaffTx,
  event: NotifyEvent,
  config: Pick<Config, 'mail'>,
): Promise<{ notifications: number; mails: number }> {
  const db = asStaff(trx)
  const d = await deliveryOf(trx, event)
  const now = new Date().toISOString()
  let notifications = 0
  let mails = 0
  for (const r of d.recipients) {
    const who = r.userId ?? `org:${r.organisationId}`
    if (r.inApp) {
      const inserted = await db
        .insertInto('notifications')
        .values({
          id: d.dedupeKey ? idFor(`${d.dedupeKey}:${who}`) : crypto.randomUUID(),
          user_id: r.userId,
          organisation_id: r.organisationId,
          event: d.event,
          subject_type: d.subjectType,
          subject_id: d.subjectId,
          reference: d.reference,
          created_at: now,
          read_at: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst()
      notifications += Number(inserted.numInsertedOrUpdatedRows ?? 0)
    }
    if (!config.mail.smtpUrl || !r.email || !r.byEmail) continue
    const queued = await db
      .insertInto('mail_outbox')
      .values({
        id: crypto.randomUUID(),
        dedupe_key: d.dedupeKey ? `${d.dedupeKey}:${who}` : null,
        event: d.event,
        recipient: r.email,
        language: r.language,
        reference: d.reference,
        link: signInLink(config),
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        created_at: now,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst()
    mails += Number(queued.numInsertedOrUpdatedRows ?? 0)
  }
  return { notifications, mails }
}
