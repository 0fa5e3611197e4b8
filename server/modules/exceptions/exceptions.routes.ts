import {
  CaseExceptionList,
  ContactExceptionInput,
  ExceptionDecision,
  ExceptionInput,
  ExceptionList,
  ExceptionListQuery,
  ExceptionParams,
  ExceptionView,
  LegalBasisInput,
  LegalBasisList,
  LegalBasisParams,
  LegalBasisView,
} from '../../../common/contracts/exceptions.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { decideException, recordOnCase, recordOnContact, updateException } from './exceptions.commands'
import { openContact } from '../../security/contact-access'
import { casesExceptions, contactsExceptions, registerEntry, registerList } from './exceptions.queries'
import { createLegalBasis, legalBases, updateLegalBasis } from './legal-bases'

/** The confidentiality-exception register, and the legal bases it rests on. */
export const exceptionRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/exceptions',
    summary: 'Confidentiality exceptions recorded about the case, with what was disclosed to whom and their status',
    tags: ['exceptions'],
    params: IdParams,
    response: CaseExceptionList,
    allow: 'accompaniment.read',
    access: 'read',
    action: 'exception.listed',
    async handler({ acc, trx, ctx, audit }) {
      audit.detail({ accompanimentId: acc.id })
      return { items: await casesExceptions(ctx, trx, acc) }
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/exceptions',
    summary: 'Record a confidentiality exception about the case; it waits for a lead’s validation',
    tags: ['exceptions'],
    params: IdParams,
    body: ExceptionInput,
    response: ExceptionView,
    status: 201,
    allow: 'exception.record',
    access: 'change',
    action: 'exception.recorded',
    async handler({ acc, trx, ctx, audit, body, reply }) {
      const id = await recordOnCase(ctx, trx, acc, body)
      audit.subject('confidentiality_exception', id).detail({ accompanimentId: acc.id, recipientKind: body.recipientKind })
      const [view] = await casesExceptions(ctx, trx, acc, id)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/exceptions',
    summary: 'Record a confidentiality exception about a contact at the line; it waits for a lead’s validation',
    tags: ['exceptions'],
    body: ContactExceptionInput,
    response: ExceptionView,
    status: 201,
    allow: 'exception.record',
    async handler({ ctx, body, reply }) {
      const view = await ctx.write('exception.recorded', async (trx, audit) => {
        // Through the contact door first: a contact the caller may not reach answers 404.
        const contact = await openContact(trx, ctx.user, body.contactId, 'change')
        const id = await recordOnContact(ctx, trx, contact, body)
        audit.subject('confidentiality_exception', id).detail({ contactId: contact.id, recipientKind: body.recipientKind })
        audit.shows([contact.id, contact.person_id])
        return (await contactsExceptions(ctx, trx, contact, id))[0]
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/contacts/:id/exceptions',
    summary: 'Confidentiality exceptions recorded about a contact, for whoever may read the contact (404 otherwise)',
    tags: ['exceptions'],
    params: IdParams,
    response: CaseExceptionList,
    allow: 'contact.read',
    async handler({ ctx, params }) {
      return ctx.read('exception.listed', async (trx, audit) => {
        audit.subject('contact', params.id)
        const contact = await openContact(trx, ctx.user, params.id, 'read')
        audit.shows([contact.id, contact.person_id]).detail({ contactId: contact.id })
        return { items: await contactsExceptions(ctx, trx, contact) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/exceptions',
    summary: 'The register: exceptions of the cases the lead sees and of contacts (all, for the DPO), newest first, without their content',
    tags: ['exceptions'],
    query: ExceptionListQuery,
    response: ExceptionList,
    allow: 'exception.read_register',
    async handler({ ctx, query }) {
      return ctx.read('exception.listed', async (trx, audit) => {
        audit.detail(query.status ? { status: query.status } : {})
        return { items: await registerList(trx, ctx.user, audit, query) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/exceptions/:exceptionId',
    summary: 'One exception of the register, with its content',
    tags: ['exceptions'],
    params: ExceptionParams,
    response: ExceptionView,
    allow: 'exception.read_register',
    async handler({ ctx, params, reply }) {
      const view = await ctx.read('exception.viewed', async (trx, audit) => {
        audit.subject('confidentiality_exception', params.exceptionId)
        return registerEntry(ctx, trx, ctx.user, params.exceptionId, 'register')
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/exceptions/:exceptionId',
    summary: 'Its author corrects a pending exception (If-Match); a decided one never changes (409)',
    tags: ['exceptions'],
    params: ExceptionParams,
    body: ExceptionInput,
    response: ExceptionView,
    allow: 'exception.record',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('exception.updated', async (trx, audit) => {
        audit.subject('confidentiality_exception', params.exceptionId)
        await updateException(ctx, trx, params.exceptionId, expected, body)
        return registerEntry(ctx, trx, ctx.user, params.exceptionId, 'author')
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/exceptions/:exceptionId/decision',
    summary: 'A lead (not its author) validates or refuses, with a reason, a pending exception (If-Match)',
    tags: ['exceptions'],
    params: ExceptionParams,
    body: ExceptionDecision,
    response: ExceptionView,
    allow: 'exception.validate',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('exception.decided', async (trx, audit) => {
        audit.subject('confidentiality_exception', params.exceptionId).detail({ decision: body.decision })
        await decideException(ctx, trx, params.exceptionId, expected, body)
        return registerEntry(ctx, trx, ctx.user, params.exceptionId, 'register')
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/legal-bases',
    summary: 'The legal bases a disclosure may rest on (kept by the DPO; shipped defaults marked)',
    tags: ['exceptions'],
    response: LegalBasisList,
    allow: 'legal_basis.read',
    async handler({ ctx }) {
      return { items: await ctx.unaudited((db) => legalBases(db)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/legal-bases',
    summary: 'Add a legal basis',
    tags: ['exceptions'],
    body: LegalBasisInput,
    response: LegalBasisView,
    status: 201,
    allow: 'legal_basis.manage',
    async handler({ ctx, body, reply }) {
      const [view] = await ctx.write('legal_basis.created', async (trx, audit) => {
        const id = await createLegalBasis(trx, body, ctx.user.userId, ctx.now())
        audit.subject('legal_basis', id).detail({ code: body.code })
        return legalBases(trx, id)
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/legal-bases/:basisId',
    summary: 'Change a legal basis, or retire it (active: false) (If-Match)',
    tags: ['exceptions'],
    params: LegalBasisParams,
    body: LegalBasisInput,
    response: LegalBasisView,
    allow: 'legal_basis.manage',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const [view] = await ctx.write('legal_basis.updated', async (trx, audit) => {
        audit.subject('legal_basis', params.basisId).detail({ code: body.code, active: body.active })
        await updateLegalBasis(trx, params.basisId, expected, body, ctx.user.userId, ctx.now())
        return legalBases(trx, params.basisId)
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
]
