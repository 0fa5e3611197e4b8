import type { ReferralCopy, ShareableField } from '../../../common/contracts/referrals.contracts'
import type { RequestContext, Trx } from '../../http/context'
import type { OpenedCase } from '../../security/case-access'
import { openPerson } from '../../security/person-access'
import { currentPlan } from '../plans/plans.queries'

/**
 * What the partner receives, taken once when the referral is sent: the pseudonymous reference,
 * and only the fields shared (the summary written for the partner, by default). It is a copy, not a window:
 * later edits to the case do not reach it.
 */
export async function buildCopy(
  ctx: RequestContext,
  trx: Trx,
  acc: OpenedCase,
  referral: { code: string; summary: string | null; shared: ShareableField[] },
): Promise<ReferralCopy> {
  const copy: ReferralCopy = { reference: referral.code }
  const shared = new Set(referral.shared)
  if (shared.has('summary')) copy.summary = referral.summary ?? ''
  if (shared.has('identity') || shared.has('contact_details')) {
    const person = await openPerson(trx, ctx.user, acc.person_id)
    const plain = ctx.codec.openRow('persons', await ctx.codec.personKey(trx, acc.person_id), person.id, person)
    if (shared.has('identity'))
      copy.identity = { firstName: plain.first_name, lastName: plain.last_name, birthYear: plain.birth_year ?? yearOf(plain.birth_date) }
    if (shared.has('contact_details')) copy.contactDetails = { phone: plain.phone, email: plain.email }
  }
  if (shared.has('plan_goals')) copy.planGoals = (await currentPlan(ctx, trx, acc)).goals.map((g) => g.title)
  return copy
}

const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) : null)
