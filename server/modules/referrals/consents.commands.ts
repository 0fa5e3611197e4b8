import crypto from 'node:crypto'
import type { ConsentInput, ConsentView, ShareableField } from '../../../common/contracts/referrals.contracts'
import { fromJson, toJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { rowsOf } from '../../security/case-access'
import { addEvent } from '../accompaniments/accompaniments.commands'
import { brusselsToday } from './brussels-today'
import { type Holder, holderColumns, holderKeyId, holderWhere, refuseCaseOnlyFields, refuseLinkedContact } from './referral-holder'
import { shredReferral } from './referral-shred'

/**
 * The consent registry of a case, or of a contact without a case (referral-holder.ts). A consent (or another recorded legal basis from the DPO's list)
 * names one recipient organisation, who gave it, when, how, for which fields and until when. It
 * is never deleted: withdrawal is a timestamp, and it shreds the partner's copies at once.
 */

async function checkReferences(trx: Trx, holder: Holder, input: ConsentInput) {
  refuseLinkedContact(holder)
  refuseCaseOnlyFields(holder, 'scope', input.scope)
  const org = await trx.selectFrom('partner_organisations').select('id').where('id', '=', input.organisationId).executeTakeFirst()
  if (!org) throw invalidField('organisationId', 'unknown_organisation', 'Unknown partner organisation')
  if (input.legalBasisId) {
    const basis = await trx.selectFrom('legal_bases').select('active').where('id', '=', input.legalBasisId).executeTakeFirst()
    if (!basis?.active) throw invalidField('legalBasisId', 'unknown_legal_basis', 'Not an active legal basis')
  }
  if (input.documentId) {
    // The signed form must be a document of this very case; a contact keeps no documents.
    const doc =
      holder.kind === 'case'
        ? await rowsOf(trx, holder.acc, 'documents').select('documents.id').where('documents.id', '=', input.documentId).executeTakeFirst()
        : undefined
    if (!doc) throw invalidField('documentId', 'unknown_document', 'Not a document of this case')
  }
}

export async function recordConsent(ctx: RequestContext, trx: Trx, holder: Holder<'change'>, input: ConsentInput): Promise<string> {
  await checkReferences(trx, holder, input)
  const id = crypto.randomUUID()
  const now = ctx.now()
  const key = await ctx.codec.personKey(trx, holderKeyId(holder))
  await trx
    .insertInto('consents')
    .values({
      id,
      ...holderColumns(holder),
      key_id: holderKeyId(holder),
      organisation_id: input.organisationId,
      purpose: input.purpose,
      basis: input.basis,
      legal_basis_id: input.legalBasisId,
      given_by: input.givenBy,
      given_on: input.givenOn,
      how: input.how,
      document_id: input.documentId,
      scope: toJson(input.scope),
      expires_on: input.expiresOn,
      recorded_by: ctx.user.userId,
      recorded_at: now,
      withdrawn_at: null,
      withdrawn_by: null,
      version: 1,
      ...ctx.codec.sealRow('consents', key, id, { note: input.note }),
    })
    .execute()
  if (holder.kind === 'case')
    await addEvent(ctx, trx, holder.acc, 'consent_recorded', {
      consentId: id,
      organisationId: input.organisationId,
      expiresOn: input.expiresOn,
    })
  return id
}

/** What a consent belongs to, for opening it through the door (404 when there is no such consent). */
export async function holderOfConsent(trx: Trx, consentId: string) {
  const row = await trx.selectFrom('consents').select(['accompaniment_id', 'contact_id']).where('id', '=', consentId).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  return row
}

/**
 * Withdraws a consent (If-Match): the partner's access ends now. Every referral that rests on it
 * loses its copy's key in this same transaction, so the partner's next request finds nothing.
 */
export async function withdrawConsent(ctx: RequestContext, trx: Trx, holder: Holder<'manage'>, consentId: string, expected: number) {
  const now = ctx.now()
  const by = holderWhere(holder)
  const res = await trx
    .updateTable('consents')
    .set({ withdrawn_at: now, withdrawn_by: ctx.user.userId, version: expected + 1 })
    .where('id', '=', consentId)
    .where(by.column, '=', by.id)
    .where('version', '=', expected)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) {
    const row = await trx
      .selectFrom('consents')
      .select(['withdrawn_at'])
      .where('id', '=', consentId)
      .where(by.column, '=', by.id)
      .executeTakeFirst()
    if (!row) throw fail('resource.not_found')
    throw fail(row.withdrawn_at ? 'state.invalid_transition' : 'version.mismatch')
  }
  const referrals = await trx
    .selectFrom('referrals')
    .select('id')
    .where('consent_id', '=', consentId)
    .where('shredded_at', 'is', null)
    .execute()
  for (const r of referrals) await shredReferral(ctx, trx, r.id, now)
  if (holder.kind === 'case') await addEvent(ctx, trx, holder.acc, 'consent_withdrawn', { consentId, referralsCut: referrals.length })
}

type ConsentRow = Awaited<ReturnType<typeof consentRows>>[number]
const consentRows = (trx: Trx, by: ReturnType<typeof holderWhere>) =>
  trx
    .selectFrom('consents')
    .innerJoin('partner_organisations as o', 'o.id', 'consents.organisation_id')
    .innerJoin('users as u', 'u.id', 'consents.recorded_by')
    .selectAll('consents')
    .select(['o.name as organisation_name', 'u.display_name as recorded_by_name'])
    .where(`consents.${by.column}`, '=', by.id)
    .orderBy('consents.recorded_at', 'desc')
    .orderBy('consents.id')
    .execute()

/** The consents of a case (or a contact), newest first, notes opened with the holder's key. */
export async function consentsOf(ctx: RequestContext, trx: Trx, holder: Holder, id?: string): Promise<ConsentView[]> {
  const rows = (await consentRows(trx, holderWhere(holder))).filter((r) => !id || r.id === id)
  if (rows.length === 0) return []
  const key = await ctx.codec.personKey(trx, holderKeyId(holder))
  const today = brusselsToday()
  return rows.map((r: ConsentRow) => ({
    id: r.id,
    accompanimentId: r.accompaniment_id,
    contactId: r.contact_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    purpose: r.purpose,
    basis: r.basis as ConsentView['basis'],
    legalBasisId: r.legal_basis_id,
    givenBy: r.given_by as ConsentView['givenBy'],
    givenOn: r.given_on,
    how: r.how as ConsentView['how'],
    documentId: r.document_id,
    scope: fromJson(r.scope) as ShareableField[],
    expiresOn: r.expires_on,
    note: ctx.codec.openRow('consents', key, r.id, r).note,
    recordedBy: r.recorded_by_name,
    recordedAt: r.recorded_at,
    withdrawnAt: r.withdrawn_at,
    active: !r.withdrawn_at && r.expires_on >= today,
    version: r.version,
  }))
}
