import { CONTACT_SHAREABLE_FIELDS, type ShareableField } from '../../../common/vocabulary'
import type { AuditDraft, RequestContext, Trx } from '../../http/context'
import { AppError, fail, invalidField } from '../../http/errors'
import { type Need, type OpenedCase, openCase } from '../../security/case-access'
import { type OpenedContact, openContact, visibleContacts } from '../../security/contact-access'

/**
 * What a consent or a referral belongs to: a case, or a contact of the contact point that led to
 * no case (a worried mother oriented to family support on her first call). Everything sealed on
 * it is sealed with the holder's key: the case client's, or the contact's own; the same door
 * that shows the holder shows its consents and referrals.
 */
export type Holder<N extends Need = Need> = { kind: 'case'; acc: OpenedCase<N> } | { kind: 'contact'; contact: OpenedContact }

/** The key the holder's sealed fields are sealed with (person_keys id). */
export const holderKeyId = (h: Holder): string => (h.kind === 'case' ? h.acc.person_id : h.contact.id)

/** The two holder columns of `consents` and `referrals`, one of them set. */
export const holderColumns = (h: Holder) =>
  h.kind === 'case' ? { accompaniment_id: h.acc.id, contact_id: null } : { accompaniment_id: null, contact_id: h.contact.id }

/** Which column names the holder, and its value, to filter `consents` or `referrals` by. */
export const holderWhere = (h: Holder): { column: 'accompaniment_id' | 'contact_id'; id: string } =>
  h.kind === 'case' ? { column: 'accompaniment_id', id: h.acc.id } : { column: 'contact_id', id: h.contact.id }

/** What the audit entry says of the holder: the case's persons, or the person a contact is about. */
export function auditHolder(audit: AuditDraft, h: Holder): void {
  if (h.kind === 'case') audit.person(h.acc.person_id).shows([h.acc.concerned_person_id]).detail({ accompanimentId: h.acc.id })
  else audit.shows([h.contact.person_id]).detail({ contactId: h.contact.id })
}

/** A contact opened as a holder, through the contact door: to read, or to change for any other need. */
export async function openContactHolder<N extends Need>(trx: Trx, ctx: RequestContext, id: string, need: N): Promise<Holder<N>> {
  const contact = await openContact(trx, ctx.user, id, need === 'read' ? 'read' : 'change')
  return { kind: 'contact', contact }
}

/**
 * What was recorded on the line from the contacts later linked to a case, for the case's own lists
 * (its referrals, its consents): each contact the caller may read (the contact door decides, as on
 * the contact), oldest first, with what `itemsOf` finds on it. The entry names the contacts that
 * had any, and the persons they are about.
 */
export async function fromLinkedContacts<T>(
  trx: Trx,
  ctx: RequestContext,
  audit: AuditDraft,
  accompanimentId: string,
  itemsOf: (holder: Holder<'read'>) => Promise<T[]>,
): Promise<T[]> {
  const linked = await visibleContacts(trx, ctx.user)
    .where('contacts.accompaniment_id', '=', accompanimentId)
    .select('contacts.id')
    .orderBy('contacts.occurred_at')
    .orderBy('contacts.id')
    .execute()
  const items: T[] = []
  const contactIds: string[] = []
  for (const { id } of linked) {
    const holder = await openContactHolder(trx, ctx, id, 'read')
    const found = await itemsOf(holder)
    if (found.length === 0) continue
    contactIds.push(id)
    if (holder.kind === 'contact') audit.shows([holder.contact.person_id])
    items.push(...found)
  }
  if (contactIds.length) audit.detail({ contactIds })
  return items
}

/**
 * New orientation needs a contact that led to no case: once linked to a case, it is recorded on
 * the case, with its consent registry (400 naming the contact). What was already recorded on the
 * contact stays readable and can still be stopped or withdrawn there.
 */
export function refuseLinkedContact(h: Holder): void {
  if (h.kind === 'contact' && h.contact.accompaniment_id)
    throw invalidField('contact', 'contact_has_case', 'The contact is linked to a case: refer from the case')
}

/** The holder of a row that names one (404 when it names none, or the door refuses it). */
export async function openHolder<N extends Need>(
  trx: Trx,
  ctx: RequestContext,
  row: { accompaniment_id: string | null; contact_id: string | null },
  need: N,
): Promise<Holder<N>> {
  if (row.accompaniment_id) return { kind: 'case', acc: await openCase(trx, ctx.user, row.accompaniment_id, need) }
  if (row.contact_id) return openContactHolder(trx, ctx, row.contact_id, need)
  throw fail('resource.not_found')
}

/**
 * From a contact there is no plan and no document to share: what the caller agreed to pass on is
 * their name and how to reach them, and the summary written for the partner. Each other field
 * is named (`<list>.<index>`).
 */
export function refuseCaseOnlyFields(h: Holder, list: 'shared' | 'scope', fields: readonly ShareableField[]): void {
  if (h.kind === 'case') return
  const allowed: readonly string[] = CONTACT_SHAREABLE_FIELDS
  const issues = fields.flatMap((f, i) =>
    allowed.includes(f) ? [] : [{ field: `${list}.${i}`, code: 'not_shareable_from_contact', message: 'Not shareable from a contact' }],
  )
  if (issues.length) throw new AppError('validation.failed', issues)
}
