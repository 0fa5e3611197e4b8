import {
  CompleteReferral,
  DeclineReferral,
  FeedbackInput,
  PartnerDocumentParams,
  PartnerOrganisationView,
  PartnerReferralList,
  PartnerReferralView,
  PartnerStepResult,
  ReferralParams,
} from '../../../common/contracts/referrals.contracts'
import type { RequestContext } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { type PartnerStep, partnerFeedback, partnerStep } from './partner-portal.commands'
import { expiredCopies, organisationOf, partnerDocument, partnerReferral, partnerReferrals } from './partner-portal.queries'
import { shredReferral } from './referral-shred'
import { contentDisposition } from '../documents/file-types'

/**
 * Expired consents cut the partner's access at once (the reads filter on the Brussels date);
 * the copies themselves are destroyed by the next partner read that comes by.
 */
async function shredExpired(ctx: RequestContext, ids: string[]) {
  if (ids.length === 0) return
  await ctx.write('referral.expired_shredded', async (trx, audit) => {
    audit.detail({ referrals: ids.length })
    const now = ctx.now()
    for (const id of ids) await shredReferral(ctx, trx, id, now)
  })
}

const step = (
  path: string,
  summary: string,
  body: typeof DeclineReferral | typeof CompleteReferral | undefined,
  make: (b: any) => PartnerStep,
) =>
  defineRoute({
    method: 'POST',
    path: `/api/partner/referrals/:referralId/${path}`,
    summary,
    tags: ['partner portal'],
    params: ReferralParams,
    ...(body ? { body } : {}),
    response: PartnerStepResult,
    allow: 'referral.partner',
    async handler({ ctx, params, body: input, request, reply }) {
      const expected = expectedVersion(request)
      const to = make(input)
      const row = await ctx.write('referral.status_changed', async (trx, audit) => {
        audit.subject('referral', params.referralId).detail({ to: to.to })
        const r = await partnerStep(ctx, trx, params.referralId, expected, to)
        audit.shows([r.key_id])
        return r
      })
      sendVersion(reply, expected + 1)
      return { id: row.id, code: row.code, status: to.to, version: expected + 1 }
    },
  })

/** The partner portal: a partner's staff reach the referrals addressed to their organisation, and that organisation. */
export const partnerPortalRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/partner/referrals',
    summary: 'Referrals addressed to the caller’s organisation that are still shared with it: only what was shared',
    tags: ['partner portal'],
    response: PartnerReferralList,
    allow: 'referral.partner',
    async handler({ ctx }) {
      const { items, expired } = await ctx.read('partner_referral.listed', async (trx, audit) => ({
        items: await partnerReferrals(ctx, trx, audit),
        expired: (await expiredCopies(trx)).map((r) => r.id),
      }))
      await shredExpired(ctx, expired)
      return { items }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/partner/referrals/:referralId',
    summary: 'One referral addressed to the caller’s organisation, with both sides’ feedback (404 when not or no longer shared)',
    tags: ['partner portal'],
    params: ReferralParams,
    response: PartnerReferralView,
    allow: 'referral.partner',
    async handler({ ctx, params, reply }) {
      const view = await ctx.read('partner_referral.viewed', async (trx, audit) => {
        audit.subject('referral', params.referralId)
        return partnerReferral(ctx, trx, audit, params.referralId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/partner/referrals/:referralId/documents/:documentId',
    summary: 'Download a document shared with a referral (audited; 404 once the copy is withdrawn, ended or expired)',
    tags: ['partner portal'],
    params: PartnerDocumentParams,
    allow: 'referral.partner',
    async handler({ ctx, params, reply }) {
      const { doc, content } = await ctx.read('partner_referral.document_downloaded', async (trx, audit) => {
        audit.subject('referral', params.referralId)
        return partnerDocument(ctx, trx, audit, params.referralId, params.documentId)
      })
      reply.header('Content-Type', doc.contentType)
      reply.header('Content-Length', doc.size)
      reply.header('Content-Disposition', contentDisposition(doc.filename))
      return content
    },
  }),
  step('accept', 'Accept a referral (If-Match)', undefined, () => ({ to: 'accepted' })),
  step('decline', 'Decline a referral with a reason (If-Match): the copy is destroyed', DeclineReferral, (b) => ({
    to: 'declined',
    reason: b.reason,
    reasonCode: b.reasonCode,
  })),
  step('progress', 'Say the work on an accepted referral is in progress (If-Match)', undefined, () => ({ to: 'in_progress' })),
  step('complete', 'Complete a referral with its outcome (If-Match): the copy is destroyed', CompleteReferral, (b) => ({
    to: 'completed',
    outcome: b.outcome,
  })),
  defineRoute({
    method: 'POST',
    path: '/api/partner/referrals/:referralId/feedback',
    summary: 'The partner writes a feedback note, which the case keeps',
    tags: ['partner portal'],
    params: ReferralParams,
    body: FeedbackInput,
    response: PartnerReferralView,
    status: 201,
    allow: 'referral.partner',
    async handler({ ctx, params, body }) {
      return ctx.write('referral.feedback_written', async (trx, audit) => {
        audit.subject('referral', params.referralId)
        await partnerFeedback(ctx, trx, params.referralId, body.note)
        return partnerReferral(ctx, trx, audit, params.referralId)
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/partner/organisation',
    summary: 'The caller’s own organisation, as the directory describes it',
    tags: ['partner portal'],
    response: PartnerOrganisationView,
    allow: 'referral.partner',
    async handler({ ctx }) {
      return ctx.read('partner_organisation.viewed', async (trx, audit) => {
        const id = await organisationOf(trx, ctx)
        audit.subject('partner_organisation', id)
        const org = await trx
          .selectFrom('partner_organisations')
          .select(['id', 'name', 'description', 'email', 'referral_email'])
          .where('id', '=', id)
          .executeTakeFirst()
        if (!org) throw fail('resource.not_found')
        const services = await trx
          .selectFrom('partner_services')
          .select(['id', 'name', 'capacity', 'wait_days'])
          .where('organisation_id', '=', id)
          .orderBy('position')
          .execute()
        return {
          id: org.id,
          name: org.name,
          description: org.description,
          email: org.email,
          referralEmail: org.referral_email,
          services: services.map((s) => ({ id: s.id, name: s.name, capacity: s.capacity, waitDays: s.wait_days })),
        }
      })
    },
  }),
]
