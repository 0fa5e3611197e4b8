import type { ContactSummary, ContactView } from '../../../common/contracts/contacts.contracts'
import { fromJson } from '../../db/json'
import type { RequestContext } from '../../http/context'
import type { ContactRow, OpenedContact } from '../../security/contact-access'

/** The contact as the API shows it, its sealed fields opened with its own key. */
export function presentContact(ctx: RequestContext, key: Buffer, c: OpenedContact, calledBackBy: string | null = null): ContactView {
  const plain = ctx.codec.openRow('contacts', key, c.id, c)
  return {
    id: c.id,
    status: c.status,
    channel: c.channel,
    direction: c.direction,
    occurredAt: c.occurred_at,
    durationMinutes: c.duration_minutes,
    callerKind: c.caller_kind,
    callerSector: c.caller_sector,
    caller: plain.caller,
    personId: c.person_id,
    personDescription: plain.description,
    themes: fromJson(c.themes),
    summary: plain.summary,
    orientation: c.orientation,
    referredTo: plain.referred_to,
    urgency: c.urgency,
    callbackOn: c.callback_on,
    callbackAssigneeId: c.callback_assignee_id,
    accompanimentId: c.accompaniment_id,
    createdBy: c.createdByName ?? '',
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    finalisedAt: c.finalised_at,
    dangerAt: c.danger_at,
    dangerAcknowledgedAt: c.danger_acknowledged_at,
    version: c.version,
    answersContactId: c.answers_contact_id,
    calledBackAt: c.called_back_at,
    calledBackBy: c.called_back_at ? calledBackBy : null,
  }
}

/**
 * The columns a line of a list shows: a list reads these and not the sealed summary and
 * description, which it never opens (a queue of 200 lines reads far less).
 */
export const SUMMARY_COLUMNS = [
  'contacts.id',
  'contacts.status',
  'contacts.channel',
  'contacts.direction',
  'contacts.occurred_at',
  'contacts.caller_kind',
  'contacts.caller_sector',
  'contacts.caller_sealed',
  'contacts.person_id',
  'contacts.themes',
  'contacts.orientation',
  'contacts.urgency',
  'contacts.callback_on',
  'contacts.callback_assignee_id',
  'contacts.accompaniment_id',
  'contacts.danger_at',
  'contacts.danger_acknowledged_at',
  'contacts.version',
] as const
export type SummaryRow = Pick<ContactRow, SUMMARY_COLUMNS_T extends `contacts.${infer C extends keyof ContactRow}` ? C : never>
type SUMMARY_COLUMNS_T = (typeof SUMMARY_COLUMNS)[number]

/** A line of a list: the caller's name is the one sealed value opened. */
export function presentSummary(ctx: RequestContext, key: Buffer | undefined, c: SummaryRow): ContactSummary {
  const caller = key ? ctx.codec.openRow('contacts', key, c.id, { caller_sealed: c.caller_sealed }).caller : null
  return {
    id: c.id,
    status: c.status,
    channel: c.channel,
    direction: c.direction,
    occurredAt: c.occurred_at,
    callerKind: c.caller_kind,
    callerSector: c.caller_sector,
    personId: c.person_id,
    themes: fromJson(c.themes),
    orientation: c.orientation,
    urgency: c.urgency,
    callbackOn: c.callback_on,
    callbackAssigneeId: c.callback_assignee_id,
    accompanimentId: c.accompaniment_id,
    dangerAt: c.danger_at,
    dangerAcknowledgedAt: c.danger_acknowledged_at,
    version: c.version,
    callerName: caller?.name ?? null,
  }
}
