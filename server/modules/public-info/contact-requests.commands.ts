import crypto from 'node:crypto'
import { CONTACT_CALLER_KIND_OF, type ContactRequestInput } from '../../../common/contracts/contact-requests.contracts'
import { fromJson, toJson } from '../../db/json'
import { createWebFormContact } from '../contacts/contacts.commands'
import type { RequestContext, Trx } from '../../http/context'
import { AppError, fail } from '../../http/errors'
import { addressKey, countSubmission, GLOBAL_KEY } from './public-form.limits'
import { checkFormToken, formTokenKey } from './public-form.token'

const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && 'code' in e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE')

/**
 * Receives one public request, or refuses it. The order is the cheapest refusal first, and no
 * refusal writes anything but a counter:
 *  1. the form token: signed by us, not older than 3 hours, not younger than the minimum time a
 *     person takes (PARCOURS_PUBLIC_FORM_MIN_SECONDS);
 *  2. the honeypot, which people leave empty;
 *  3. the per-address count, then (only for addresses within theirs) the form's count for the
 *     day: so one address that floods spends its own allowance, not everyone's;
 *  4. in the write's transaction: the inbox holds at most PARCOURS_PUBLIC_INBOX_MAX open requests
 *     (past it new requests are refused and nothing already there is touched), and a token brings
 *     one request.
 * Only then is the request written, sealed under a data key of its own (in `person_keys` under
 * the request's id: a public request belongs to no person yet, and erasing it is deleting one
 * key), with its audit entry, which records no client address (the request may be anonymous).
 * The answer says only that this request was received: nothing about any other.
 * On PostgreSQL, submissions committing at the same moment each count the inbox before the
 * others commit, so the bound may be passed by the number of submissions in flight at once.
 */
export async function receiveRequest(
  ctx: RequestContext,
  input: ContactRequestInput,
  ip: string,
  now = Date.now(),
): Promise<{ anonymous: boolean }> {
  const { auditKey, config } = ctx.services
  const limits = config.publicForm
  const token = checkFormToken(formTokenKey(auditKey), input.token, limits.minSeconds * 1000, now)
  if (!token.ok) throw fail(token.reason === 'too_fast' ? 'public_form.too_fast' : 'public_form.expired')
  if (input.website !== '') throw fail('public_form.refused')
  if (!(await ctx.unaudited((db) => countSubmission(db, addressKey(auditKey, ip), limits.perAddressPerDay, now))))
    throw fail('rate.limited')
  if (!(await ctx.unaudited((db) => countSubmission(db, GLOBAL_KEY, limits.perDay, now)))) throw fail('rate.limited')

  const anonymous = input.anonymous
  try {
    await ctx.write('contact_request.received', async (trx, audit) => {
      const open = await trx
        .selectFrom('contact_requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'open')
        .executeTakeFirstOrThrow()
      if (Number(open.n) >= limits.inboxMax) throw fail('public_form.inbox_full')
      const used = await trx.selectFrom('contact_requests').select('id').where('form_nonce', '=', token.nonce).executeTakeFirst()
      if (used) throw fail('public_form.expired')
      const id = crypto.randomUUID()
      const at = new Date(now).toISOString()
      // The request's own data key, in person_keys under the request's id (see above).
      const key = await ctx.codec.createPersonKey(trx, id, at)
      const sealed = ctx.codec.sealRow('contact_requests', key, id, {
        name: anonymous || !input.name ? null : input.name,
        phone: anonymous || !input.phone ? null : input.phone,
        email: anonymous || !input.email ? null : input.email,
        message: input.message || null,
      })
      await trx
        .insertInto('contact_requests')
        .values({
          id,
          received_at: at,
          caller_kind: input.callerKind,
          sector: input.callerKind === 'professional' ? input.sector : null,
          anonymous: anonymous ? 1 : 0,
          reach_by: anonymous ? null : input.reachBy,
          preferred_times: toJson(anonymous ? [] : [...new Set(input.preferredTimes)]),
          language: input.language,
          ...sealed,
          state: 'open',
          decided_by: null,
          decided_at: null,
          form_nonce: token.nonce,
          version: 1,
        })
        .execute()
      audit.subject('contact_request', id).detail({ callerKind: input.callerKind, anonymous })
    })
  } catch (e) {
    // The same token sent twice at the same moment: the second finds the first's nonce.
    if (!(e instanceof AppError) && isUniqueViolation(e)) throw fail('public_form.expired')
    throw e
  }
  return { anonymous }
}

/** Marks an open request handled or dismissed, with the version the caller saw (If-Match). */
export async function decideRequest(
  ctx: RequestContext,
  trx: Trx,
  id: string,
  version: number,
  state: 'handled' | 'dismissed',
): Promise<void> {
  const row = await trx.selectFrom('contact_requests').select(['state', 'version']).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (row.version !== version) throw fail('version.mismatch')
  if (row.state !== 'open') throw fail('state.invalid_transition')
  const result = await trx
    .updateTable('contact_requests')
    .set({ state, decided_by: ctx.user.userId, decided_at: ctx.now(), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
}

/**
 * Takes an open request into the contact point: a web-form contact with the request's kind,
 * sector, identity (unless anonymous; how and when to reach them as `reach`) and message as its
 * summary, sealed under the contact's own new key; the request is marked handled and linked to
 * it. The request's own sealed data stays as it was, under the request's key. In the caller's
 * transaction, so that the contact, the request's change and the audit entry land together.
 */
export async function takeRequest(ctx: RequestContext, trx: Trx, id: string, version: number): Promise<string> {
  const row = await trx
    .selectFrom('contact_requests')
    .select(['id', 'state', 'version', 'received_at', 'caller_kind', 'sector', 'anonymous', 'reach_by', 'preferred_times'])
    .select(['name_sealed', 'phone_sealed', 'email_sealed', 'message_sealed'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (row.state !== 'open') throw fail('state.invalid_transition')
  if (row.version !== version) throw fail('version.mismatch')
  const opened = ctx.codec.openRow('contact_requests', await ctx.codec.personKey(trx, row.id), row.id, row)
  // Who did not say who they are and left no way to reach them is anonymous to the contact point.
  const mapped = CONTACT_CALLER_KIND_OF[row.caller_kind]
  const callerKind = mapped === 'undisclosed' && row.anonymous === 1 ? 'anonymous' : mapped
  const times = fromJson(row.preferred_times)
  const identity = {
    name: opened.name,
    phone: opened.phone,
    email: opened.email,
    reach: row.reach_by ? [row.reach_by, ...times].join(', ') : null,
  }
  const contactId = await createWebFormContact(ctx, trx, {
    occurredAt: row.received_at,
    durationMinutes: null,
    callerKind,
    callerSector: callerKind === 'professional' ? row.sector : null,
    caller: row.anonymous === 1 ? null : identity,
    personId: null,
    personDescription: null,
    themes: [],
    summary: opened.message,
    referredTo: null,
    urgency: 'none',
  })
  const result = await trx
    .updateTable('contact_requests')
    .set({ state: 'handled', decided_by: ctx.user.userId, decided_at: ctx.now(), contact_id: contactId, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', 'open')
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('state.invalid_transition')
  return contactId
}
