import {
  InformationGivenInput,
  InformationGivenList,
  InformationGivenResult,
} from '../../../common/contracts/contact-information.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { openContact } from '../../security/contact-access'
import { informationGiven, recordInformationGiven } from './contact-information'

/** The information sheets given during a contact (issue 10, knowledge base): listed and recorded. */
export const contactInformationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/contacts/:id/information-given',
    summary: 'The information sheets given during a contact, newest first: sheet, version and language given, how, who and when',
    tags: ['contacts'],
    params: IdParams,
    response: InformationGivenList,
    allow: 'contact.read',
    async handler({ params, ctx }) {
      return ctx.read('contact.information_given_viewed', async (trx, audit) => {
        audit.subject('contact', params.id)
        const contact = await openContact(trx, ctx.user, params.id, 'read')
        audit.shows([contact.id, contact.person_id])
        return { items: await informationGiven(trx, contact) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contacts/:id/information-given',
    summary:
      'Record a sheet given during a contact: the version published now in that language (422 when there is none). A final contact needs If-Match and keeps it on its history',
    tags: ['contacts'],
    params: IdParams,
    body: InformationGivenInput,
    response: InformationGivenResult,
    status: 201,
    allow: 'contact.write',
    async handler({ params, body, ctx, request, reply }) {
      return ctx.write('contact.information_given_recorded', async (trx, audit) => {
        audit.subject('contact', params.id)
        const contact = await openContact(trx, ctx.user, params.id, 'change')
        audit.shows([contact.id, contact.person_id])
        // A draft changes freely while the call goes on; a final contact changes from the version seen.
        const version = contact.status === 'final' ? expectedVersion(request) : null
        const result = await recordInformationGiven(ctx, trx, contact, version, body)
        audit.detail({ sheetId: body.sheetId, textVersion: result.entry.version, language: body.language, how: body.how })
        sendVersion(reply, result.contactVersion)
        return result
      })
    },
  }),
]
