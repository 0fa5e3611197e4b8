import {
  REFERRAL_DECLINE_REASONS,
  type ReferralDeclineReason,
  type ReferralOutcome,
  type ReferralStatus,
  type ReferralView,
  type ShareableField,
} from '../../../common/contracts/referrals.contracts'
import { fromJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { type Holder, holderKeyId, holderWhere } from './referral-holder'

/** Feedback notes and lifecycle events of these referrals, opened with the keys given. */
export async function feedbackAndEvents(ctx: RequestContext, trx: Trx, referrals: { id: string; key_id: string }[]) {
  const ids = referrals.map((r) => r.id)
  if (ids.length === 0) return { feedback: new Map(), events: new Map() }
  const [notes, events] = await Promise.all([
    trx
      .selectFrom('referral_feedback as f')
      .innerJoin('users as u', 'u.id', 'f.author_id')
      .select(['f.id', 'f.referral_id', 'f.key_id', 'f.side', 'f.note_sealed', 'f.written_at', 'u.display_name'])
      .where('f.referral_id', 'in', ids)
      .orderBy('f.written_at')
      .orderBy('f.id')
      .execute(),
    trx
      .selectFrom('referral_events')
      .select(['referral_id', 'at', 'kind', 'from_status', 'to_status'])
      .where('referral_id', 'in', ids)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ])
  const keys = notes.length ? await ctx.codec.personKeys(trx, [...new Set(notes.map((n) => n.key_id))]) : new Map<string, Buffer>()
  const feedback = new Map<string, ReferralView['feedback']>()
  for (const n of notes) {
    const key = keys.get(n.key_id)
    if (!key) continue
    const list = feedback.get(n.referral_id) ?? []
    list.push({
      id: n.id,
      side: n.side,
      author: n.display_name,
      note: ctx.codec.openRow('referral_feedback', key, n.id, n).note,
      writtenAt: n.written_at,
    })
    feedback.set(n.referral_id, list)
  }
  const byReferral = new Map<string, ReferralView['events']>()
  for (const e of events) {
    const list = byReferral.get(e.referral_id) ?? []
    list.push({
      at: e.at,
      kind: e.kind,
      fromStatus: e.from_status as ReferralStatus | null,
      toStatus: e.to_status as ReferralStatus | null,
    })
    byReferral.set(e.referral_id, list)
  }
  return { feedback, events: byReferral }
}

export const parseOutcome = (outcome: string | null): ReferralOutcome | null => (outcome ? (JSON.parse(outcome) as ReferralOutcome) : null)

/** A stored decline code, or null (not declined, or declined before codes existed). */
export const declineCode = (code: string | null): ReferralDeclineReason | null =>
  (REFERRAL_DECLINE_REASONS as readonly string[]).includes(code ?? '') ? (code as ReferralDeclineReason) : null

/** The referrals of a case (or a contact), newest first: what was shared, with whom, until when, and what came of it. */
export async function referralsOf(ctx: RequestContext, trx: Trx, holder: Holder, id?: string): Promise<ReferralView[]> {
  const by = holderWhere(holder)
  let q = trx
    .selectFrom('referrals')
    .innerJoin('partner_organisations as o', 'o.id', 'referrals.organisation_id')
    .leftJoin('partner_services as s', 's.id', 'referrals.service_id')
    .leftJoin('consents as c', 'c.id', 'referrals.consent_id')
    .selectAll('referrals')
    .select(['o.name as organisation_name', 's.name as service_name', 'c.expires_on', 'c.withdrawn_at'])
    .where(`referrals.${by.column}`, '=', by.id)
  if (id) q = q.where('referrals.id', '=', id)
  const rows = await q.orderBy('referrals.created_at', 'desc').orderBy('referrals.id').execute()
  if (rows.length === 0) return []
  const key = await ctx.codec.personKey(trx, holderKeyId(holder))
  const { feedback, events } = await feedbackAndEvents(ctx, trx, rows)
  return rows.map((r) => {
    const plain = ctx.codec.openRow('referrals', key, r.id, {
      reason_sealed: r.reason_sealed,
      request_sealed: r.request_sealed,
      summary_sealed: r.summary_sealed,
      decline_reason_sealed: r.decline_reason_sealed,
    })
    return {
      id: r.id,
      code: r.code,
      accompanimentId: r.accompaniment_id,
      contactId: r.contact_id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      serviceId: r.service_id,
      serviceName: r.service_name,
      consentId: r.consent_id,
      status: r.status as ReferralStatus,
      shared: fromJson(r.shared) as ShareableField[],
      documentIds: r.selection ? fromJson(r.selection).documentIds : [],
      planGoalIds: r.selection ? fromJson(r.selection).planGoalIds : [],
      reason: plain.reason,
      request: plain.request,
      summary: plain.summary,
      declineReason: plain.decline_reason,
      declineReasonCode: declineCode(r.decline_code),
      outcome: parseOutcome(r.outcome),
      sharedUntil: r.status === 'draft' ? null : (r.expires_on ?? null),
      shreddedAt: r.shredded_at,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      answeredAt: r.answered_at,
      closedAt: r.closed_at,
      events: events.get(r.id) ?? [],
      feedback: feedback.get(r.id) ?? [],
      version: r.version,
    }
  })
}
