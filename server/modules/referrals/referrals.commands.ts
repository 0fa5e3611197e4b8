import crypto from 'node:crypto'
import type { Updateable } from 'kysely'
import type { ReferralInput, ReferralStatus, ShareableField } from '../../../common/contracts/referrals.contracts'
import { fromJson, toJson } from '../../db/json'
import type { RequestContext, Row, Trx } from '../../http/context'
import { AppError, fail, invalidField } from '../../http/errors'
import type { Need } from '../../security/case-access'
import { freeCode } from '../../security/codes'
import { addEvent } from '../accompaniments/accompaniments.commands'
import { brusselsToday } from './brussels-today'
import { buildCopy } from './referral-copy'
import { referralEvent } from './referral-events'
import { shredReferral } from './referral-shred'
import {
  type Holder,
  holderColumns,
  holderKeyId,
  holderWhere,
  openHolder,
  refuseCaseOnlyFields,
  refuseLinkedContact,
} from './referral-holder'
import { selectedDocuments, selectedGoals, selectionOf } from './referral-selection'

/**
 * A referral from a case, or from a contact without a case (referral-holder.ts), on the service's
 * side: drafted, changed while a draft, sent under a consent that covers every shared field,
 * stopped. The worker's fields are sealed with the holder's key (`key_id`); the partner's copy
 * with the referral's own key, made when it is sent.
 */

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
/** A pseudonymous reference (R-XXXX-XXXX): it names no one and is all an e-mail carries. */
function newCode(): string {
  const bytes = crypto.randomBytes(8)
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length])
  return `R-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}

async function checkTarget(trx: Trx, input: ReferralInput) {
  const org = await trx.selectFrom('partner_organisations').select('id').where('id', '=', input.organisationId).executeTakeFirst()
  if (!org) throw invalidField('organisationId', 'unknown_organisation', 'Unknown partner organisation')
  if (input.serviceId) {
    const service = await trx
      .selectFrom('partner_services')
      .select('id')
      .where('id', '=', input.serviceId)
      .where('organisation_id', '=', input.organisationId)
      .executeTakeFirst()
    if (!service) throw invalidField('serviceId', 'unknown_service', 'Not a service of this organisation')
  }
}

const sealedFields = (input: ReferralInput) => ({ reason: input.reason, request: input.request, summary: input.summary })

/**
 * The documents and goals chosen must be this case's (each refused one named), checked when drafted
 * and again when sent; a contact shares neither.
 */
async function checkSelection(ctx: RequestContext, trx: Trx, holder: Holder, input: ReferralInput) {
  refuseLinkedContact(holder)
  refuseCaseOnlyFields(holder, 'shared', input.shared)
  if (holder.kind === 'contact') return
  await selectedDocuments(ctx, trx, holder.acc, input.documentIds)
  if (input.planGoalIds.length) await selectedGoals(ctx, trx, holder.acc, input.planGoalIds)
}

export async function createReferral(ctx: RequestContext, trx: Trx, holder: Holder<'change'>, input: ReferralInput): Promise<string> {
  await checkTarget(trx, input)
  await checkSelection(ctx, trx, holder, input)
  const id = crypto.randomUUID()
  const now = ctx.now()
  const code = await freeCode(trx, 'referrals', newCode)
  const key = await ctx.codec.personKey(trx, holderKeyId(holder))
  await trx
    .insertInto('referrals')
    .values({
      id,
      code,
      ...holderColumns(holder),
      key_id: holderKeyId(holder),
      organisation_id: input.organisationId,
      service_id: input.serviceId,
      consent_id: null,
      status: 'draft',
      shared: toJson(input.shared),
      selection: selectionOf(input),
      copy_sealed: null,
      decline_reason_sealed: null,
      decline_code: null,
      outcome: null,
      created_by: ctx.user.userId,
      created_at: now,
      sent_at: null,
      answered_at: null,
      closed_at: null,
      shredded_at: null,
      updated_at: now,
      version: 1,
      ...ctx.codec.sealRow('referrals', key, id, sealedFields(input)),
    })
    .execute()
  await referralEvent(ctx, trx, {
    referralId: id,
    code,
    organisationId: input.organisationId,
    createdBy: ctx.user.userId,
    kind: 'created',
    from: null,
    to: 'draft',
  })
  return id
}

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof referralRow>>>
const referralRow = (trx: Trx, id: string) => trx.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst()

/**
 * A referral on the service's side, through the door of its holder (case or contact): 404 when
 * the caller may not see it, then the holder opened for what the step needs.
 */
export async function openReferral<N extends Need>(trx: Trx, ctx: RequestContext, id: string, need: N) {
  const row = await referralRow(trx, id)
  if (!row) throw fail('resource.not_found')
  return { holder: await openHolder(trx, ctx, row, need), row }
}

function current(row: ReferralRow, expected: number, from: readonly ReferralStatus[]) {
  if (row.version !== expected) throw fail('version.mismatch')
  if (!from.includes(row.status as ReferralStatus)) throw fail('state.invalid_transition')
}

/** Changes a draft (If-Match); once sent, what was agreed is not rewritten (409). */
export async function updateDraft(
  ctx: RequestContext,
  trx: Trx,
  holder: Holder<'change'>,
  row: ReferralRow,
  expected: number,
  input: ReferralInput,
) {
  current(row, expected, ['draft'])
  await checkTarget(trx, input)
  await checkSelection(ctx, trx, holder, input)
  const key = await ctx.codec.personKey(trx, holderKeyId(holder))
  await versioned(trx, row, expected, {
    organisation_id: input.organisationId,
    service_id: input.serviceId,
    shared: toJson(input.shared),
    selection: selectionOf(input),
    updated_at: ctx.now(),
    ...ctx.codec.sealRow('referrals', key, row.id, sealedFields(input)),
  })
  await referralEvent(ctx, trx, eventOf(row, 'updated', 'draft', 'draft'))
}

async function versioned(trx: Trx, row: ReferralRow, expected: number, changes: Updateable<Row<'referrals'>>) {
  const res = await trx
    .updateTable('referrals')
    .set({ ...changes, version: expected + 1 })
    .where('id', '=', row.id)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
}

export const eventOf = (
  row: ReferralRow,
  kind: Parameters<typeof referralEvent>[2]['kind'],
  from: ReferralStatus | null,
  to: ReferralStatus | null,
) => ({
  referralId: row.id,
  code: row.code,
  organisationId: row.organisation_id,
  createdBy: row.created_by,
  kind,
  from,
  to,
})

/**
 * Sends a draft under a consent (If-Match). The consent must be this case's, for this organisation,
 * not withdrawn, not expired, and its scope must hold every shared field: each missing one is named.
 * The partner's copy is taken now and sealed with the referral's own new key.
 */
export async function sendReferral(
  ctx: RequestContext,
  trx: Trx,
  holder: Holder<'change'>,
  row: ReferralRow,
  expected: number,
  consentId: string,
) {
  current(row, expected, ['draft'])
  refuseLinkedContact(holder)
  const by = holderWhere(holder)
  const consent = await trx
    .selectFrom('consents')
    .select(['id', 'organisation_id', 'withdrawn_at', 'expires_on', 'scope'])
    .where('id', '=', consentId)
    .where(by.column, '=', by.id)
    .executeTakeFirst()
  if (!consent) throw invalidField('consentId', 'unknown_consent', 'Not a consent recorded on this case')
  if (consent.organisation_id !== row.organisation_id)
    throw invalidField('consentId', 'other_recipient', 'The consent is for another organisation')
  if (consent.withdrawn_at) throw invalidField('consentId', 'withdrawn', 'The consent was withdrawn')
  if (consent.expires_on < brusselsToday()) throw invalidField('consentId', 'expired', 'The consent has expired')
  const scope = new Set(fromJson(consent.scope))
  const shared = fromJson(row.shared) as ShareableField[]
  const selection = row.selection ? fromJson(row.selection) : { documentIds: [], planGoalIds: [] }
  const outside = shared.filter((f) => !scope.has(f))
  if (outside.length)
    throw new AppError('validation.failed', [
      ...outside.map((f) => ({ field: `shared.${f}`, code: 'not_in_consent_scope', message: 'Not covered by the consent' })),
      // Each document outside the consent is named too: the worker sees which ticks to remove.
      ...(outside.includes('documents')
        ? selection.documentIds.map((_, i) => ({
            field: `documentIds.${i}`,
            code: 'not_in_consent_scope',
            message: 'Not covered by the consent',
          }))
        : []),
    ])
  const opened = ctx.codec.openRow('referrals', await ctx.codec.personKey(trx, holderKeyId(holder)), row.id, {
    summary_sealed: row.summary_sealed,
  })
  if (shared.includes('summary') && !opened.summary) throw invalidField('summary', 'required', 'The summary is shared: write it first')
  const copy = await buildCopy(ctx, trx, holder, { code: row.code, summary: opened.summary, shared, selection })
  const now = ctx.now()
  const own = await ctx.codec.createPersonKey(trx, row.id, now)
  await versioned(trx, row, expected, {
    status: 'sent',
    consent_id: consent.id,
    sent_at: now,
    updated_at: now,
    ...ctx.codec.sealRow('referrals', own, row.id, { copy }),
  })
  await referralEvent(ctx, trx, eventOf(row, 'sent', 'draft', 'sent'))
  if (holder.kind === 'case')
    await addEvent(ctx, trx, holder.acc, 'referral', { referralId: row.id, code: row.code, from: 'draft', to: 'sent' })
}

/** The service stops a referral (If-Match), from any open status; the partner's copy is shredded. */
export async function stopReferral(ctx: RequestContext, trx: Trx, holder: Holder<'manage'>, row: ReferralRow, expected: number) {
  const from = row.status as ReferralStatus
  current(row, expected, ['draft', 'sent', 'accepted', 'in_progress'])
  const now = ctx.now()
  await versioned(trx, row, expected, { status: 'stopped', closed_at: now, updated_at: now })
  await shredReferral(ctx, trx, row.id, now)
  await referralEvent(ctx, trx, eventOf(row, 'stopped', from, 'stopped'))
  if (holder.kind === 'case') await addEvent(ctx, trx, holder.acc, 'referral', { referralId: row.id, code: row.code, from, to: 'stopped' })
}

/** A feedback note, from either side, sealed with the holder's key: the case (or contact) keeps it after the copy is shredded. */
export async function writeFeedback(ctx: RequestContext, trx: Trx, row: ReferralRow, side: 'service' | 'partner', note: string) {
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, row.key_id)
  await trx
    .insertInto('referral_feedback')
    .values({
      id,
      referral_id: row.id,
      key_id: row.key_id,
      side,
      author_id: ctx.user.userId,
      written_at: ctx.now(),
      ...ctx.codec.sealRow('referral_feedback', key, id, { note }),
    })
    .execute()
  await referralEvent(ctx, trx, eventOf(row, 'feedback', null, null))
  return id
}
