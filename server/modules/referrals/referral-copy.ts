import type { ShareableField } from '../../../common/contracts/referrals.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { openPerson } from '../../security/person-access'
import type { Holder } from './referral-holder'
import { type SealedCopy, type Selection, selectedDocuments, selectedGoals } from './referral-selection'

/**
 * What the partner receives, taken once when the referral is sent: the pseudonymous reference,
 * and only the fields shared (the summary written for the partner, by default), the chosen goals and documents. It is a copy, not a window:
 * later edits to the case do not reach it.
 */
export async function buildCopy(
  ctx: RequestContext,
  trx: Trx,
  holder: Holder,
  referral: { code: string; summary: string | null; shared: ShareableField[]; selection: Selection },
): Promise<SealedCopy> {
  const copy: SealedCopy = { reference: referral.code }
  const shared = new Set(referral.shared)
  if (shared.has('summary')) copy.summary = referral.summary ?? ''
  if (holder.kind === 'contact') {
    // The caller's identity, as they agreed it be kept on the contact: nothing else of it.
    const caller = ctx.codec.openRow('contacts', await ctx.codec.personKey(trx, holder.contact.id), holder.contact.id, {
      caller_sealed: holder.contact.caller_sealed,
    }).caller
    if (shared.has('identity')) copy.caller = { name: caller?.name ?? null, reach: caller?.reach ?? null }
    if (shared.has('contact_details')) copy.contactDetails = { phone: caller?.phone ?? null, email: caller?.email ?? null }
    return copy
  }
  const acc = holder.acc
  if (shared.has('identity') || shared.has('contact_details')) {
    const person = await openPerson(trx, ctx.user, acc.person_id)
    const plain = ctx.codec.openRow('persons', await ctx.codec.personKey(trx, acc.person_id), person.id, person)
    if (shared.has('identity'))
      copy.identity = { firstName: plain.first_name, lastName: plain.last_name, birthYear: plain.birth_year ?? yearOf(plain.birth_date) }
    if (shared.has('contact_details')) copy.contactDetails = { phone: plain.phone, email: plain.email }
  }
  if (shared.has('plan_goals')) copy.planGoals = await selectedGoals(ctx, trx, acc, referral.selection.planGoalIds)
  // The documents' names as they are now, and each content's own key: sealed with the copy's key,
  // so that shredding it leaves the partner nothing to open the content with.
  if (shared.has('documents')) copy.documents = await selectedDocuments(ctx, trx, acc, referral.selection.documentIds)
  return copy
}

const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) : null)
