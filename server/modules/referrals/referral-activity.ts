import type { PartnerActivity } from '../../../common/contracts/partner-activity.contracts'
import { REFERRAL_DECLINE_REASONS, REFERRAL_NEED_OUTCOMES, REFERRAL_STAY_OUTCOMES } from '../../../common/contracts/referrals.contracts'
import type { Trx } from '../../http/context'
import { declineCode, parseOutcome } from './referrals.queries'

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const HOUR = 3_600_000

/**
 * Counts of the referrals sent to each organisation (all of them when `ids` is not given), in
 * name order: no case, person, code or text leaves this function. A referral counts as accepted,
 * declined or completed when that step is on its lifecycle (referral_events), so one accepted
 * and then completed counts in both; stopped and awaiting are its present status.
 */
export async function partnerActivity(trx: Trx, ids?: string[]): Promise<PartnerActivity[]> {
  if (ids && ids.length === 0) return []
  let orgs = trx.selectFrom('partner_organisations').select(['id', 'name'])
  if (ids) orgs = orgs.where('id', 'in', ids)
  let sent = trx
    .selectFrom('referrals')
    .select(['id', 'organisation_id', 'status', 'sent_at', 'answered_at', 'outcome', 'decline_code'])
    .where('sent_at', 'is not', null)
  if (ids) sent = sent.where('organisation_id', 'in', ids)
  let steps = trx
    .selectFrom('referral_events as e')
    .innerJoin('referrals as r', 'r.id', 'e.referral_id')
    .select(['r.organisation_id', 'e.kind'])
    .select((eb) => eb.fn.count<number | string>('e.referral_id').distinct().as('n'))
    .where('e.kind', 'in', ['accepted', 'declined', 'completed'])
    .groupBy(['r.organisation_id', 'e.kind'])
  if (ids) steps = steps.where('r.organisation_id', 'in', ids)
  const [orgRows, referrals, stepRows] = await Promise.all([orgs.execute(), sent.execute(), steps.execute()])

  const byOrg = new Map<string, PartnerActivity & { waits: number[] }>()
  for (const o of orgRows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)))
    byOrg.set(o.id, {
      organisationId: o.id,
      organisationName: o.name,
      sent: 0,
      awaiting: 0,
      accepted: 0,
      declined: 0,
      completed: 0,
      stopped: 0,
      medianHoursToAnswer: null,
      outcomes: {
        need: Object.fromEntries(REFERRAL_NEED_OUTCOMES.map((k) => [k, 0])) as PartnerActivity['outcomes']['need'],
        person: Object.fromEntries(REFERRAL_STAY_OUTCOMES.map((k) => [k, 0])) as PartnerActivity['outcomes']['person'],
      },
      declineReasons: Object.fromEntries(
        [...REFERRAL_DECLINE_REASONS, 'not_given'].map((k) => [k, 0]),
      ) as PartnerActivity['declineReasons'],
      waits: [],
    })
  for (const r of referrals) {
    const a = byOrg.get(r.organisation_id)
    if (!a) continue
    a.sent++
    if (r.status === 'sent') a.awaiting++
    if (r.status === 'stopped') a.stopped++
    // Declining ends a referral, so its present status says whether it was declined.
    if (r.status === 'declined') a.declineReasons[declineCode(r.decline_code) ?? 'not_given']++
    if (r.answered_at && r.sent_at) a.waits.push((Date.parse(r.answered_at) - Date.parse(r.sent_at)) / HOUR)
    const outcome = parseOutcome(r.outcome)
    if (outcome) {
      a.outcomes.need[outcome.need]++
      a.outcomes.person[outcome.person]++
    }
  }
  for (const s of stepRows) {
    const a = byOrg.get(s.organisation_id)
    if (a) a[s.kind as 'accepted' | 'declined' | 'completed'] = Number(s.n)
  }
  return [...byOrg.values()].map(({ waits, ...a }) => {
    const m = median(waits)
    return { ...a, medianHoursToAnswer: m === null ? null : Math.round(m * 10) / 10 }
  })
}
