import crypto from 'node:crypto'
import type { ExceptionDecision, ExceptionInput } from '../../../common/contracts/exceptions.contracts'
import type { Actor, RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import type { ChangeableCase } from '../../security/case-access'
import type { OpenedContact } from '../../security/contact-access'
import { registerEntry } from './exceptions.queries'

async function checkBasis(trx: Trx, id: string) {
  const basis = await trx.selectFrom('legal_bases').select('active').where('id', '=', id).executeTakeFirst()
  if (!basis?.active) throw invalidField('legalBasisId', 'unknown_legal_basis', 'Not an active legal basis')
}

async function insert(
  ctx: RequestContext,
  trx: Trx,
  attached: { accompanimentId: string; contactId: null } | { accompanimentId: null; contactId: string },
  keyId: string,
  input: ExceptionInput,
): Promise<string> {
  await checkBasis(trx, input.legalBasisId)
  const id = crypto.randomUUID()
  const now = ctx.now()
  const key = await ctx.codec.personKey(trx, keyId)
  await trx
    .insertInto('confidentiality_exceptions')
    .values({
      id,
      accompaniment_id: attached.accompanimentId,
      contact_id: attached.contactId,
      key_id: keyId,
      legal_basis_id: input.legalBasisId,
      recipient_kind: input.recipientKind,
      disclosed_at: new Date(input.disclosedAt).toISOString(),
      status: 'pending',
      recorded_by: ctx.user.userId,
      recorded_at: now,
      decided_by: null,
      decided_at: null,
      updated_at: now,
      version: 1,
      ...ctx.codec.sealRow('confidentiality_exceptions', key, id, {
        situation: input.situation,
        recipient_name: input.recipientName,
        disclosed: input.disclosed,
        refusal_reason: null,
      }),
    })
    .execute()
  return id
}

/** An exception about a case, opened through the door: sealed with its client's key. */
export function recordOnCase(ctx: RequestContext, trx: Trx, acc: ChangeableCase, input: ExceptionInput) {
  return insert(ctx, trx, { accompanimentId: acc.id, contactId: null }, acc.person_id, input)
}

/**
 * An exception about a contact, opened through the contact door for a change (404 when the caller
 * may not reach it, whether or not it exists; 403 when they only read it). Sealed with the
 * contact's own data key, `person_keys` under the contact's id, which the contacts module creates
 * with the contact — never the linked person's key: the contact's own fields are sealed with that
 * key too, so one rule opens everything about the contact, and erasing the contact (shredding its
 * key) takes its exceptions' content with it. No key is ever created here.
 */
export function recordOnContact(ctx: RequestContext, trx: Trx, contact: OpenedContact, input: ExceptionInput) {
  return insert(ctx, trx, { accompanimentId: null, contactId: contact.id }, contact.id, input)
}

async function current(ctx: RequestContext, trx: Trx, actor: Actor, id: string, expected: number, as: 'register' | 'author') {
  const row = await registerEntry(ctx, trx, actor, id, as)
  if (!row) throw fail('resource.not_found')
  if (row.version !== expected) throw fail('version.mismatch')
  // Decided is final: the register keeps what was validated or refused, as it was.
  if (row.status !== 'pending') throw fail('state.invalid_transition')
  return row
}

/** Its author corrects a pending exception; once decided it never changes (409). */
export async function updateException(ctx: RequestContext, trx: Trx, id: string, expected: number, input: ExceptionInput) {
  const row = await current(ctx, trx, ctx.user, id, expected, 'author')
  await checkBasis(trx, input.legalBasisId)
  const key = await ctx.codec.personKey(trx, (await keyOf(trx, id)) ?? '')
  const res = await trx
    .updateTable('confidentiality_exceptions')
    .set({
      legal_basis_id: input.legalBasisId,
      recipient_kind: input.recipientKind,
      disclosed_at: new Date(input.disclosedAt).toISOString(),
      updated_at: ctx.now(),
      version: expected + 1,
      ...ctx.codec.sealRow('confidentiality_exceptions', key, id, {
        situation: input.situation,
        recipient_name: input.recipientName,
        disclosed: input.disclosed,
      }),
    })
    .where('id', '=', id)
    .where('version', '=', expected)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
  return row
}

async function keyOf(trx: Trx, id: string) {
  return (await trx.selectFrom('confidentiality_exceptions').select('key_id').where('id', '=', id).executeTakeFirst())?.key_id
}

/**
 * A lead validates or refuses a pending exception they can see. Not their own: the validation is
 * a second person's look at the decision (403 otherwise).
 */
export async function decideException(ctx: RequestContext, trx: Trx, id: string, expected: number, decision: ExceptionDecision) {
  const row = await current(ctx, trx, ctx.user, id, expected, 'register')
  if (row.recordedBy === ctx.user.userId) throw fail('access.second_person_required')
  const now = ctx.now()
  let sealed = {}
  if (decision.decision === 'refused') {
    const key = await ctx.codec.personKey(trx, (await keyOf(trx, id)) ?? '')
    sealed = ctx.codec.sealRow('confidentiality_exceptions', key, id, { refusal_reason: decision.reason })
  }
  const res = await trx
    .updateTable('confidentiality_exceptions')
    .set({ status: decision.decision, decided_by: ctx.user.userId, decided_at: now, updated_at: now, version: expected + 1, ...sealed })
    .where('id', '=', id)
    .where('version', '=', expected)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
  return row
}
