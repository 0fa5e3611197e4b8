import {
  CallbackInput,
  CallbackResult,
  ContactHistory,
  ContactInput,
  ContactList,
  ContactListQuery,
  ContactQueue,
  ContactView,
  LinkContact,
  RepeatCallerQuery,
  RepeatCallerResult,
} from '../../../common/contracts/contacts.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { AuditDraft, RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { answeringContactId, type OpenedContact, openContact } from '../../security/contact-access'
import { createContact, finaliseContact, linkContact, setCallback, updateContact } from './contacts.commands'
import { presentContact } from './contacts.presenter'
import { contactHistory, contactQueue, listContacts, recordShown, repeatCaller } from './contacts.queries'

/** Opens the contact through its door and makes it the entry's subject (its person, when linked, shown). */
async function opened(
  ctx: RequestContext,
  trx: Trx,
  audit: AuditDraft,
  id: string,
  need: 'read' | 'change' = 'read',
): Promise<OpenedContact> {
  audit.subject('contact', id)
  const contact = await openContact(trx, ctx.user, id, need)
  audit.shows([contact.person_id])
  return contact
}

async function view(ctx: RequestContext, trx: Trx, audit: AuditDraft, contact: OpenedContact) {
  await recordShown(trx, audit, [contact])
  const calledBackBy = contact.called_back_at ? await answeringContactId(trx, ctx.user, contact) : null
  return presentContact(ctx, await ctx.codec.personKey(trx, contact.id), contact, calledBackBy)
}

export const contactRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/contacts',
    summary: 'Log a contact as a draft while the exchange goes on',
    tags: ['contacts'],
    body: ContactInput,
    response: ContactView,
    status: 201,
    allow: 'contact.write',
    async handler({ body, ctx, reply }) {
      return ctx.write('contact.created', async (trx, audit) => {
        const id = await createContact(ctx, trx, body)
        const contact = await opened(ctx, trx, audit, id)
        audit.detail({ channel: body.channel, callerKind: body.callerKind })
        sendVersion(reply, 1)
        return view(ctx, trx, audit, contact)
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/contacts',
    summary: 'Contacts the caller may see, newest first, by status, channel and date range',
    tags: ['contacts'],
    query: ContactListQuery,
    response: ContactList,
    allow: 'contact.read',
    async handler({ query, ctx }) {
      return ctx.read('contact.listed', (trx, audit) => listContacts(ctx, trx, audit, query))
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/contacts/queue',
    summary: 'The intake queue: contacts waiting for an orientation or a call-back, most urgent then oldest first',
    tags: ['contacts'],
    response: ContactQueue,
    allow: 'contact.read',
    async handler({ ctx }) {
      return ctx.read('contact.queue_viewed', (trx, audit) => contactQueue(ctx, trx, audit))
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contacts/repeat-caller',
    summary: 'Earlier contacts from a phone number or e-mail (by blind index; identities only where readable)',
    tags: ['contacts'],
    body: RepeatCallerQuery,
    response: RepeatCallerResult,
    allow: 'contact.read',
    async handler({ body, ctx }) {
      return ctx.read('contact.repeat_caller_checked', (trx, audit) => repeatCaller(ctx, trx, audit, body))
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/contacts/:id',
    summary: 'One contact',
    tags: ['contacts'],
    params: IdParams,
    response: ContactView,
    allow: 'contact.read',
    async handler({ params, ctx, reply }) {
      return ctx.read('contact.viewed', async (trx, audit) => {
        const contact = await opened(ctx, trx, audit, params.id)
        sendVersion(reply, contact.version)
        return view(ctx, trx, audit, contact)
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/contacts/:id/history',
    summary: 'Every change of a final contact: who, when, which fields, old and new values',
    tags: ['contacts'],
    params: IdParams,
    response: ContactHistory,
    allow: 'contact.read',
    async handler({ params, ctx }) {
      return ctx.read('contact.history_viewed', async (trx, audit) =>
        contactHistory(ctx, trx, audit, await opened(ctx, trx, audit, params.id)),
      )
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/contacts/:id',
    summary: 'Change a contact, draft or final (If-Match required; a final contact keeps every change)',
    tags: ['contacts'],
    params: IdParams,
    body: ContactInput,
    response: ContactView,
    allow: 'contact.write',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('contact.updated', async (trx, audit) => {
        const updated = await updateContact(ctx, trx, await opened(ctx, trx, audit, params.id, 'change'), version, body)
        sendVersion(reply, updated.version)
        return view(ctx, trx, audit, updated)
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contacts/:id/finalise',
    summary: 'Finalise a draft contact (If-Match required); later changes are kept on its history',
    tags: ['contacts'],
    params: IdParams,
    response: ContactView,
    allow: 'contact.write',
    async handler({ params, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('contact.finalised', async (trx, audit) => {
        const updated = await finaliseContact(ctx, trx, await opened(ctx, trx, audit, params.id, 'change'), version)
        if (updated.answers_contact_id) audit.detail({ answersContactId: updated.answers_contact_id })
        sendVersion(reply, updated.version)
        return view(ctx, trx, audit, updated)
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contacts/:id/link',
    summary: 'Link a contact to a person and to an existing or a new case (If-Match required)',
    tags: ['contacts'],
    params: IdParams,
    body: LinkContact,
    response: ContactView,
    allow: 'contact.write',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('contact.linked', async (trx, audit) => {
        const updated = await linkContact(ctx, trx, await opened(ctx, trx, audit, params.id, 'change'), version, body)
        audit.detail({ accompanimentId: updated.accompaniment_id })
        sendVersion(reply, updated.version)
        return view(ctx, trx, audit, updated)
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contacts/:id/callback',
    summary: 'Set or clear the call-back (If-Match required); a task on the linked case when the caller may add one',
    tags: ['contacts'],
    params: IdParams,
    body: CallbackInput,
    response: CallbackResult,
    allow: 'contact.write',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('contact.callback_set', async (trx, audit) => {
        const result = await setCallback(ctx, trx, await opened(ctx, trx, audit, params.id, 'change'), version, body)
        audit.detail({ taskId: result.taskId })
        sendVersion(reply, result.contact.version)
        return { contact: await view(ctx, trx, audit, result.contact), taskId: result.taskId }
      })
    },
  }),
]
