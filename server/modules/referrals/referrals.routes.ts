import {
  FeedbackInput,
  ReferralInput,
  ReferralList,
  ReferralParams,
  ReferralView,
  SendReferral,
} from '../../../common/contracts/referrals.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { AuditAction } from '../../../common/audit-actions'
import type { Need } from '../../security/case-access'
import { defineCaseRoute } from '../../http/case-route'
import type { AuditDraft, RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { createReferral, openReferral, sendReferral, stopReferral, updateDraft, writeFeedback } from './referrals.commands'
import { auditHolder, fromLinkedContacts, openContactHolder } from './referral-holder'
import { referralsOf } from './referrals.queries'

type Opened<N extends Need> = Awaited<ReturnType<typeof openReferral<N>>>

/** A step on one referral, through the door of its case or contact, answering the referral as its holder sees it. */
async function onReferral<N extends Need>(
  ctx: RequestContext,
  action: AuditAction,
  referralId: string,
  need: N,
  step: (opened: Opened<N>, trx: Trx, audit: AuditDraft) => Promise<void>,
): Promise<ReferralView> {
  const view = await ctx.write(action, async (trx, audit) => {
    audit.subject('referral', referralId)
    const opened = await openReferral(trx, ctx, referralId, need)
    auditHolder(audit, opened.holder)
    await step(opened, trx, audit)
    return (await referralsOf(ctx, trx, opened.holder, referralId))[0]
  })
  if (!view) throw fail('resource.not_found')
  return view
}

/** Referrals from a case to a partner's service, on the service's side. */
export const referralRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/referrals',
    summary:
      'Referrals of the case: to whom, what was shared and until when, their status, events and feedback; then those made on the line from contacts later linked to the case (contactId set), which stay managed on their contact',
    tags: ['referrals'],
    params: IdParams,
    response: ReferralList,
    allow: 'referral.read',
    access: 'read',
    action: 'referral.listed',
    async handler({ acc, trx, ctx, audit }) {
      audit.detail({ accompanimentId: acc.id })
      const own = await referralsOf(ctx, trx, { kind: 'case', acc })
      // The worker who takes a case over sees the orientation already given on the line.
      const fromContacts = await fromLinkedContacts(trx, ctx, audit, acc.id, (holder) => referralsOf(ctx, trx, holder))
      return { items: [...own, ...fromContacts] }
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/referrals',
    summary: 'Draft a referral to a partner organisation (and one of its services), choosing what it would receive',
    tags: ['referrals'],
    params: IdParams,
    body: ReferralInput,
    response: ReferralView,
    status: 201,
    allow: 'referral.manage',
    access: 'change',
    action: 'referral.created',
    async handler({ acc, trx, ctx, audit, body, reply }) {
      const id = await createReferral(ctx, trx, { kind: 'case', acc }, body)
      audit.subject('referral', id).detail({ accompanimentId: acc.id, organisationId: body.organisationId, shared: body.shared })
      const [view] = await referralsOf(ctx, trx, { kind: 'case', acc }, id)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/contacts/:id/referrals',
    summary: 'Referrals made from a contact that led to no case: to whom, what was shared and until when, their status and feedback',
    tags: ['referrals'],
    params: IdParams,
    response: ReferralList,
    allow: 'referral.read',
    async handler({ ctx, params }) {
      return ctx.read('referral.listed', async (trx, audit) => {
        audit.subject('contact', params.id)
        const holder = await openContactHolder(trx, ctx, params.id, 'read')
        auditHolder(audit, holder)
        return { items: await referralsOf(ctx, trx, holder) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contacts/:id/referrals',
    summary:
      'Draft a referral from a contact that led to no case (the caller oriented on the line): the summary and, with their consent, the caller’s name and how to reach them',
    tags: ['referrals'],
    params: IdParams,
    body: ReferralInput,
    response: ReferralView,
    status: 201,
    allow: 'referral.manage',
    async handler({ ctx, params, body, reply }) {
      const view = await ctx.write('referral.created', async (trx, audit) => {
        audit.subject('contact', params.id)
        const holder = await openContactHolder(trx, ctx, params.id, 'change')
        auditHolder(audit, holder)
        const id = await createReferral(ctx, trx, holder, body)
        audit.subject('referral', id).detail({ organisationId: body.organisationId, shared: body.shared })
        return (await referralsOf(ctx, trx, holder, id))[0]
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/referrals/:referralId',
    summary: 'Change a draft referral (If-Match); a sent one is not rewritten (409)',
    tags: ['referrals'],
    params: ReferralParams,
    body: ReferralInput,
    response: ReferralView,
    allow: 'referral.manage',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await onReferral(ctx, 'referral.updated', params.referralId, 'change', ({ holder, row }, trx, audit) => {
        audit.detail({ shared: body.shared })
        return updateDraft(ctx, trx, holder, row, expected, body)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/referrals/:referralId/send',
    summary: 'Send a draft under a consent of its case (or contact) for that organisation whose scope covers every shared field (If-Match)',
    tags: ['referrals'],
    params: ReferralParams,
    body: SendReferral,
    response: ReferralView,
    allow: 'referral.manage',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await onReferral(ctx, 'referral.sent', params.referralId, 'change', ({ holder, row }, trx, audit) => {
        audit.detail({ consentId: body.consentId })
        return sendReferral(ctx, trx, holder, row, expected, body.consentId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/referrals/:referralId/stop',
    summary: 'Stop a referral (If-Match): the partner’s copy is destroyed',
    tags: ['referrals'],
    params: ReferralParams,
    response: ReferralView,
    allow: 'referral.manage',
    async handler({ ctx, params, request, reply }) {
      const expected = expectedVersion(request)
      const view = await onReferral(ctx, 'referral.status_changed', params.referralId, 'manage', ({ holder, row }, trx, audit) => {
        audit.detail({ to: 'stopped' })
        return stopReferral(ctx, trx, holder, row, expected)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/referrals/:referralId/feedback',
    summary: 'The service writes a feedback note on a referral, which the partner sees while it has access',
    tags: ['referrals'],
    params: ReferralParams,
    body: FeedbackInput,
    response: ReferralView,
    status: 201,
    allow: 'referral.manage',
    async handler({ ctx, params, body, reply }) {
      const view = await onReferral(ctx, 'referral.feedback_written', params.referralId, 'manage', async ({ row }, trx) => {
        if (row.status === 'draft') throw fail('state.invalid_transition')
        await writeFeedback(ctx, trx, row, 'service', body.note)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
]
