import type { PartnerReferralView, ReferralStatus, ShareableField } from '../../../common/contracts/referrals.contracts'
import { fromJson } from '../../db/json'
import type { AuditDraft, RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { brusselsToday } from './brussels-today'
import { partnerCopy, type SealedCopy } from './referral-selection'
import { feedbackAndEvents, parseOutcome } from './referrals.queries'

/**
 * What a partner's staff may reach: referrals addressed to their own organisation, sent or later,
 * whose copy still exists, whose consent is neither withdrawn nor expired (Brussels date). Anything
 * else, another organisation's included, is absent: 404, never 403, so existence is not revealed.
 */

/** The caller's organisation; a partner account without one reaches nothing. */
export async function organisationOf(trx: Trx, ctx: RequestContext): Promise<string> {
  const row = await trx.selectFrom('users').select('organisation_id').where('id', '=', ctx.user.userId).executeTakeFirst()
  if (!row?.organisation_id) throw fail('resource.not_found')
  return row.organisation_id
}

function reachable(trx: Trx, organisationId: string, today: string) {
  return trx
    .selectFrom('referrals')
    .innerJoin('consents as c', 'c.id', 'referrals.consent_id')
    .leftJoin('partner_services as s', 's.id', 'referrals.service_id')
    .select([
      'referrals.id',
      'referrals.code',
      'referrals.key_id',
      'referrals.service_id',
      's.name as service_name',
      'referrals.status',
      'referrals.shared',
      'referrals.copy_sealed',
      'referrals.outcome',
      'referrals.sent_at',
      'referrals.answered_at',
      'referrals.version',
      'c.expires_on',
    ])
    .where('referrals.organisation_id', '=', organisationId)
    .where('referrals.status', '!=', 'draft')
    .where('referrals.copy_sealed', 'is not', null)
    .where('referrals.shredded_at', 'is', null)
    .where('c.withdrawn_at', 'is', null)
    .where('c.expires_on', '>=', today)
}

type Row = Awaited<ReturnType<ReturnType<typeof reachable>['execute']>>[number]

async function view(ctx: RequestContext, trx: Trx, row: Row): Promise<Omit<PartnerReferralView, 'feedback'>> {
  // The copy opens with the referral's own key only (recorded on the entry under the referral id).
  const key = await ctx.codec.personKey(trx, row.id)
  const { copy } = ctx.codec.openRow('referrals', key, row.id, { copy_sealed: row.copy_sealed })
  if (!copy) throw fail('resource.not_found')
  return {
    id: row.id,
    code: row.code,
    serviceId: row.service_id,
    serviceName: row.service_name,
    status: row.status as ReferralStatus,
    shared: fromJson(row.shared) as ShareableField[],
    copy: partnerCopy(copy as SealedCopy),
    outcome: parseOutcome(row.outcome),
    sentAt: row.sent_at,
    answeredAt: row.answered_at,
    sharedUntil: row.expires_on,
    version: row.version,
  }
}

/**
 * The entry names the referrals read and, for the DPO, the person concerned (the case's client,
 * `key_id`): the partner is never told who that is, but "who read this person" finds the read.
 */
function record(audit: AuditDraft, rows: Row[]) {
  audit.shows(rows.map((r) => r.key_id)).detail({ referrals: rows.map((r) => r.code) })
}

export async function partnerReferrals(ctx: RequestContext, trx: Trx, audit: AuditDraft) {
  const organisationId = await organisationOf(trx, ctx)
  const rows = await reachable(trx, organisationId, brusselsToday())
    .orderBy('referrals.sent_at', 'desc')
    .orderBy('referrals.id')
    .limit(500)
    .execute()
  audit.detail({ organisationId })
  record(audit, rows)
  const items = []
  for (const row of rows) items.push(await view(ctx, trx, row))
  return items
}

/** One referral of the caller's organisation, with the feedback of both sides; 404 when out of reach. */
export async function partnerReferral(ctx: RequestContext, trx: Trx, audit: AuditDraft, id: string): Promise<PartnerReferralView> {
  const organisationId = await organisationOf(trx, ctx)
  const row = await reachable(trx, organisationId, brusselsToday()).where('referrals.id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  record(audit, [row])
  const { feedback } = await feedbackAndEvents(ctx, trx, [row])
  return { ...(await view(ctx, trx, row)), feedback: feedback.get(row.id) ?? [] }
}

/**
 * A document shared with a referral of the caller's organisation, opened with the content key the
 * sealed copy holds: when the copy's key is gone (withdrawal, end, expiry), so is the way in (404).
 * The stream's first chunk is opened here, inside the audited read.
 */
export async function partnerDocument(ctx: RequestContext, trx: Trx, audit: AuditDraft, referralId: string, documentId: string) {
  const organisationId = await organisationOf(trx, ctx)
  const row = await reachable(trx, organisationId, brusselsToday())
    .select('referrals.accompaniment_id')
    .where('referrals.id', '=', referralId)
    .executeTakeFirst()
  if (!row?.accompaniment_id) throw fail('resource.not_found')
  const key = await ctx.codec.personKey(trx, row.id)
  const { copy } = ctx.codec.openRow('referrals', key, row.id, { copy_sealed: row.copy_sealed })
  const doc = (copy as SealedCopy | null)?.documents?.find((d) => d.id === documentId)
  if (!doc) throw fail('resource.not_found')
  audit.shows([row.key_id]).detail({ referrals: [row.code], documentId })
  const content = await ctx.services.documents.open(
    { accompanimentId: row.accompaniment_id, documentId: doc.id },
    { content: Buffer.from(doc.contentKey, 'base64') },
  )
  return { doc, content }
}

/** The referral row a partner acts on, when in reach (404 otherwise): the same rule as reading it. */
export async function reachableRow(trx: Trx, ctx: RequestContext, id: string) {
  const organisationId = await organisationOf(trx, ctx)
  const hit = await reachable(trx, organisationId, brusselsToday()).where('referrals.id', '=', id).executeTakeFirst()
  if (!hit) throw fail('resource.not_found')
  return trx.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

/** Copies whose consent has expired but whose key still exists: shredded by the next write that finds them. */
export async function expiredCopies(trx: Trx, today = brusselsToday()) {
  return trx
    .selectFrom('referrals')
    .innerJoin('consents as c', 'c.id', 'referrals.consent_id')
    .select('referrals.id')
    .where('referrals.shredded_at', 'is', null)
    .where('referrals.copy_sealed', 'is not', null)
    .where('c.expires_on', '<', today)
    .limit(200)
    .execute()
}
