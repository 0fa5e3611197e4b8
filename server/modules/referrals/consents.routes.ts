import { CaseConsentParams, ConsentInput, ConsentList, ConsentParams, ConsentView } from '../../../common/contracts/referrals.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { attachConsentForm, receiveConsentForm } from './consent-form'
import { consentsOf, holderOfConsent, recordConsent, withdrawConsent } from './consents.commands'
import { auditHolder, fromLinkedContacts, openContactHolder, openHolder } from './referral-holder'

/** The consent registry of a case: recorded and withdrawn by its workers and lead, never deleted. */
export const consentRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/consents',
    summary:
      'Consents (and recorded legal bases) of the case for sharing with partners, newest first, with their scope and expiry; then those recorded on the line on contacts later linked to the case (contactId set), which stay managed on their contact',
    tags: ['referrals'],
    params: IdParams,
    response: ConsentList,
    allow: 'consent.read',
    access: 'read',
    action: 'consent.listed',
    async handler({ acc, trx, ctx, audit }) {
      audit.detail({ accompanimentId: acc.id })
      const own = await consentsOf(ctx, trx, { kind: 'case', acc })
      // The consent under which the line already referred the caller is part of the case's story.
      const fromContacts = await fromLinkedContacts(trx, ctx, audit, acc.id, (holder) => consentsOf(ctx, trx, holder))
      return { items: [...own, ...fromContacts] }
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/consents',
    summary: 'Record a consent, or another legal basis, for sharing parts of the case with one partner organisation',
    tags: ['referrals'],
    params: IdParams,
    body: ConsentInput,
    response: ConsentView,
    status: 201,
    allow: 'consent.manage',
    access: 'change',
    action: 'consent.recorded',
    async handler({ acc, trx, ctx, audit, body, reply }) {
      const id = await recordConsent(ctx, trx, { kind: 'case', acc }, body)
      audit.subject('consent', id).detail({ accompanimentId: acc.id, organisationId: body.organisationId, basis: body.basis })
      const [view] = await consentsOf(ctx, trx, { kind: 'case', acc }, id)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/consents/:consentId/form',
    summary:
      'Attach the signed consent form (If-Match on the consent): PDF, PNG or JPEG as the raw body, its type as Content-Type, its name in X-Filename (URI-encoded); stored sealed as a case document',
    tags: ['referrals'],
    params: CaseConsentParams,
    response: ConsentView,
    allow: 'consent.manage',
    access: 'change',
    action: 'consent.form_attached',
    // The version is asked for before a byte is read; the upload is sealed and stored before the transaction opens.
    prepare: {
      run: ({ params, ctx, request }) => {
        expectedVersion(request)
        return receiveConsentForm(ctx, params.id, request)
      },
      discard: (upload, ctx) => ctx.services.documents.discard(upload),
    },
    async handler({ acc, trx, ctx, audit, params, request, reply, prepared }) {
      audit.subject('consent', params.consentId)
      const documentId = await attachConsentForm(ctx, trx, acc, params.consentId, expectedVersion(request), prepared)
      audit.detail({ accompanimentId: acc.id, documentId, type: prepared.type, size: prepared.size })
      const [view] = await consentsOf(ctx, trx, { kind: 'case', acc }, params.consentId)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/contacts/:id/consents',
    summary: 'Consents recorded on a contact that led to no case, for sharing the caller’s words or details with a partner',
    tags: ['referrals'],
    params: IdParams,
    response: ConsentList,
    allow: 'consent.read',
    async handler({ ctx, params }) {
      return ctx.read('consent.listed', async (trx, audit) => {
        audit.subject('contact', params.id)
        const holder = await openContactHolder(trx, ctx, params.id, 'read')
        auditHolder(audit, holder)
        return { items: await consentsOf(ctx, trx, holder) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contacts/:id/consents',
    summary: 'Record the caller’s consent, on a contact that led to no case, to share the summary or their details with one partner',
    tags: ['referrals'],
    params: IdParams,
    body: ConsentInput,
    response: ConsentView,
    status: 201,
    allow: 'consent.manage',
    async handler({ ctx, params, body, reply }) {
      const view = await ctx.write('consent.recorded', async (trx, audit) => {
        audit.subject('contact', params.id)
        const holder = await openContactHolder(trx, ctx, params.id, 'change')
        auditHolder(audit, holder)
        const id = await recordConsent(ctx, trx, holder, body)
        audit.subject('consent', id).detail({ organisationId: body.organisationId, basis: body.basis })
        return (await consentsOf(ctx, trx, holder, id))[0]
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/consents/:consentId/withdraw',
    summary: 'Record the withdrawal of a consent (If-Match): the partner’s copies that rest on it are destroyed at once',
    tags: ['referrals'],
    params: ConsentParams,
    response: ConsentView,
    allow: 'consent.manage',
    async handler({ ctx, params, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('consent.withdrawn', async (trx, audit) => {
        audit.subject('consent', params.consentId)
        // Through the door of its case or contact: one the caller may not see answers 404.
        const holder = await openHolder(trx, ctx, await holderOfConsent(trx, params.consentId), 'manage')
        auditHolder(audit, holder)
        await withdrawConsent(ctx, trx, holder, params.consentId, expected)
        return (await consentsOf(ctx, trx, holder, params.consentId))[0]
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
]
