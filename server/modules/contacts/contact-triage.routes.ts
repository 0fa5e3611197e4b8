import { ContactTriageInput, ContactTriageResult, ContactTriageState, ContactView } from '../../../common/contracts/contacts.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { openContact } from '../../security/contact-access'
import { acknowledgeDanger, latestTriage, triageContact } from './contact-triage'
import { presentContact } from './contacts.presenter'

/** The triage grid on a contact, and the lead's acknowledgement of an immediate danger. */
export const contactTriageRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/contacts/:id/triage',
    summary: 'The latest filling of the triage grid on a contact, with its outcome (null when never filled)',
    tags: ['contacts'],
    params: IdParams,
    response: ContactTriageState,
    allow: 'contact.read',
    async handler({ params, ctx }) {
      return ctx.read('contact.triage_viewed', async (trx, audit) => {
        audit.subject('contact', params.id)
        const contact = await openContact(trx, ctx.user, params.id, 'read')
        audit.shows([contact.id, contact.person_id])
        return { triage: await latestTriage(ctx, trx, contact) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contacts/:id/triage',
    summary:
      'Fill the triage grid on a contact (If-Match): raises its urgency, never lowers it; immediate danger flags it for a lead and gives the call-back to the person on duty',
    tags: ['contacts'],
    params: IdParams,
    body: ContactTriageInput,
    response: ContactTriageResult,
    allow: 'contact.write',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('contact.triaged', async (trx, audit) => {
        audit.subject('contact', params.id)
        const contact = await openContact(trx, ctx.user, params.id, 'change')
        audit.shows([contact.id, contact.person_id])
        const result = await triageContact(ctx, trx, contact, version, body.answers)
        audit.detail({ urgency: result.outcome.urgency, immediateDanger: result.outcome.immediateDanger, dutyUserId: result.dutyUserId })
        const triage = await latestTriage(ctx, trx, result.contact)
        if (!triage) throw fail('resource.not_found')
        sendVersion(reply, result.contact.version)
        return {
          contact: presentContact(ctx, await ctx.codec.personKey(trx, contact.id), result.contact),
          triage,
          dutyUserId: result.dutyUserId,
        }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contacts/:id/danger/acknowledge',
    summary: 'A lead acknowledges the immediate danger a triage found (If-Match); 409 when there is none to acknowledge',
    tags: ['contacts'],
    params: IdParams,
    response: ContactView,
    allow: 'contact.acknowledge_danger',
    async handler({ params, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('contact.danger_acknowledged', async (trx, audit) => {
        audit.subject('contact', params.id)
        const contact = await openContact(trx, ctx.user, params.id, 'change')
        audit.shows([contact.id, contact.person_id])
        const updated = await acknowledgeDanger(ctx, trx, contact, version)
        sendVersion(reply, updated.version)
        return presentContact(ctx, await ctx.codec.personKey(trx, contact.id), updated)
      })
    },
  }),
]
