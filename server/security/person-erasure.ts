import type { z } from 'zod'
import type { Trx } from '../http/context'
import { fail } from '../http/errors'
import { CASE_TABLES } from './case-tables'
import { SENSITIVE, type SensitiveTable } from './codec'
import type { DocumentRef } from './document-store'
import { removeNameSets } from './person-access.name-sets'

/**
 * Erasure by crypto-shredding (issue 13): the one place that empties a person. In the caller's
 * transaction it deletes every data key that sealed something about them (their own, their
 * contacts' own keys, those contacts' public requests, the referrals' copies), empties every
 * sealed column those keys sealed (so the live database holds no ciphertext of them either),
 * removes their blind-index entries and their contacts' keyed phone and e-mail hashes, and turns
 * the person and their cases into tombstones (`erased_at`): codes, dates, statuses and counts stay,
 * so statistics and the audit chain still add up. Documents' bytes are removed by the caller
 * after the commit (`documents` returned), since a file cannot be part of a transaction.
 */

/** An emptied sealed value: NULL where the column takes it, '' (opens as nothing) where it is NOT NULL. */
function emptied(table: SensitiveTable): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  for (const [field, schema] of Object.entries<z.ZodType>(SENSITIVE[table]))
    out[`${field}_sealed`] = schema.safeParse(null).success ? null : ''
  return out
}

/** The person's cases that still bind the service: not closed, or a judicial mandate still running. */
export async function erasureBlockers(trx: Trx, personId: string, today: string): Promise<'open' | 'mandate' | null> {
  const cases = await trx
    .selectFrom('accompaniments')
    .select(['status', 'framework', 'mandate_end'])
    .where('person_id', '=', personId)
    .where('erased_at', 'is', null)
    .execute()
  if (cases.some((c) => c.status !== 'closed')) return 'open'
  if (cases.some((c) => c.framework === 'judicial' && c.mandate_end !== null && c.mandate_end >= today)) return 'mandate'
  return null
}

/** Pseudonymous facts about the person an erasure decision needs: their code, whether erased, their cases' codes and teams. */
export async function erasureSubject(trx: Trx, personId: string) {
  const person = await trx.selectFrom('persons').select(['id', 'code', 'erased_at']).where('id', '=', personId).executeTakeFirst()
  if (!person) throw fail('resource.not_found')
  const cases = await trx
    .selectFrom('accompaniments')
    .select(['id', 'code', 'team_id'])
    .where('person_id', '=', personId)
    .orderBy('code')
    .execute()
  return { id: person.id, code: person.code, erasedAt: person.erased_at, cases }
}

/** Persons whose cases belong to one of these teams (an erasure a team's lead may confirm). */
export async function personsOfTeams(trx: Trx, teamIds: string[], personIds: string[]): Promise<Set<string>> {
  if (teamIds.length === 0 || personIds.length === 0) return new Set()
  const rows = await trx
    .selectFrom('accompaniments')
    .select('person_id')
    .where('team_id', 'in', teamIds)
    .where('person_id', 'in', personIds)
    .execute()
  return new Set(rows.map((r) => r.person_id))
}

/** Codes of these persons (pseudonymous), for lists of erasures. */
export async function erasureCodes(trx: Trx, personIds: string[]): Promise<Map<string, { code: string; erasedAt: string | null }>> {
  if (personIds.length === 0) return new Map()
  const rows = await trx.selectFrom('persons').select(['id', 'code', 'erased_at']).where('id', 'in', personIds).execute()
  return new Map(rows.map((r) => [r.id, { code: r.code, erasedAt: r.erased_at }]))
}

export type ErasureOutcome = { cases: string[]; keys: number; documents: DocumentRef[] }

export async function erasePerson(
  trx: Trx,
  codec: { shredKey(trx: Trx, keyId: string): Promise<void> },
  personId: string,
  now: string,
): Promise<ErasureOutcome> {
  const cases = (await trx.selectFrom('accompaniments').select('id').where('person_id', '=', personId).execute()).map((r) => r.id)
  const contacts = (await trx.selectFrom('contacts').select('id').where('person_id', '=', personId).execute()).map((r) => r.id)
  const requests = contacts.length
    ? (await trx.selectFrom('contact_requests').select('id').where('contact_id', 'in', contacts).execute()).map((r) => r.id)
    : []
  const sealingKeys = [personId, ...contacts, ...requests]

  // Everything sealed under those keys, the case tables through their cases.
  const documents: DocumentRef[] = cases.length
    ? (await trx.selectFrom('documents').select(['id', 'accompaniment_id']).where('accompaniment_id', 'in', cases).execute()).map((d) => ({
        accompanimentId: d.accompaniment_id,
        documentId: d.id,
      }))
    : []
  const referrals = (
    await trx
      .selectFrom('referrals')
      .select('id')
      .where((eb) => eb.or([eb('key_id', 'in', sealingKeys), ...(cases.length ? [eb('accompaniment_id', 'in', cases)] : [])]))
      .execute()
  ).map((r) => r.id)

  await trx
    .updateTable('persons')
    .set({ ...emptied('persons'), erased_at: now, updated_at: now, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', personId)
    .execute()
  await removeNameSets(trx, [personId])
  if (cases.length) {
    await trx
      .updateTable('accompaniments')
      // The age band goes too (ADR 0014): a tombstone keeps dates and counts, nothing of the person.
      .set({ ...emptied('accompaniments'), age_band: null, erased_at: now })
      .where('id', 'in', cases)
      .execute()
    for (const table of CASE_TABLES) {
      if (!(table in SENSITIVE)) continue
      // Each case table's sealed columns, by the declaration the compiler checks against the schema.
      await trx
        .updateTable(table as 'tasks')
        .set(emptied(table as SensitiveTable) as { title_sealed: string })
        .where('accompaniment_id', 'in', cases)
        .execute()
    }
    if (documents.length)
      await trx
        .deleteFrom('document_chunks')
        .where(
          'document_id',
          'in',
          documents.map((d) => d.documentId),
        )
        .execute()
  }
  if (contacts.length) {
    await trx
      .updateTable('contacts')
      .set({ ...emptied('contacts'), phone_index: null, email_index: null })
      .where('id', 'in', contacts)
      .execute()
    await trx.updateTable('contact_triages').set(emptied('contact_triages')).where('contact_id', 'in', contacts).execute()
    await trx.updateTable('contact_history').set(emptied('contact_history')).where('contact_id', 'in', contacts).execute()
  }
  if (requests.length) await trx.updateTable('contact_requests').set(emptied('contact_requests')).where('id', 'in', requests).execute()
  await trx
    .updateTable('confidentiality_exceptions')
    .set(emptied('confidentiality_exceptions'))
    .where('key_id', 'in', sealingKeys)
    .execute()
  // The request register keeps each request, not its words when they were sealed with the person's key.
  await trx.updateTable('dpo_requests').set(emptied('dpo_requests')).where('key_id', 'in', sealingKeys).execute()
  await trx.updateTable('consents').set(emptied('consents')).where('key_id', 'in', sealingKeys).execute()
  await emptyReferrals(trx, referrals, now)

  const keys = [...sealingKeys, ...referrals]
  for (const keyId of keys) await codec.shredKey(trx, keyId)
  return { cases, keys: keys.length, documents }
}

/** Referrals' words, copies and feedback emptied, marked shredded (their keys are the caller's to shred). */
async function emptyReferrals(trx: Trx, referrals: string[], now: string): Promise<void> {
  if (referrals.length === 0) return
  await trx
    .updateTable('referrals')
    .set({ ...emptied('referrals'), shredded_at: (eb) => eb.fn.coalesce('shredded_at', eb.val(now)) })
    .where('id', 'in', referrals)
    .execute()
  await trx.updateTable('referral_feedback').set(emptied('referral_feedback')).where('referral_id', 'in', referrals).execute()
}

/**
 * Retention of a contact that led to no person and no case (issue 13): its words, those of the
 * public request it came from and of the orientation recorded on it (consents, referrals and their
 * copies) are emptied and their own keys shredded; the row stays (date,
 * channel, category) for the line's statistics, marked `anonymised_at` so it is not due again.
 */
export async function anonymiseContact(
  trx: Trx,
  codec: { shredKey(trx: Trx, keyId: string): Promise<void> },
  contactId: string,
  now: string,
): Promise<void> {
  const requests = (await trx.selectFrom('contact_requests').select('id').where('contact_id', '=', contactId).execute()).map((r) => r.id)
  await trx
    .updateTable('contacts')
    .set({ ...emptied('contacts'), phone_index: null, email_index: null, anonymised_at: now })
    .where('id', '=', contactId)
    .execute()
  await trx.updateTable('contact_triages').set(emptied('contact_triages')).where('contact_id', '=', contactId).execute()
  await trx.updateTable('contact_history').set(emptied('contact_history')).where('contact_id', '=', contactId).execute()
  if (requests.length) await trx.updateTable('contact_requests').set(emptied('contact_requests')).where('id', 'in', requests).execute()
  // Orientation recorded on the contact: its consents' notes, its referrals' words and copies.
  await trx.updateTable('consents').set(emptied('consents')).where('key_id', '=', contactId).execute()
  const referrals = (await trx.selectFrom('referrals').select('id').where('key_id', '=', contactId).execute()).map((r) => r.id)
  await emptyReferrals(trx, referrals, now)
  for (const keyId of [contactId, ...requests, ...referrals]) await codec.shredKey(trx, keyId)
}

/**
 * Retention of a closed data-subject request: its words are emptied (the register keeps its code,
 * kind, dates and decision); its own key is shredded, never a person's key it may have used.
 */
export async function anonymiseDpoRequest(
  trx: Trx,
  codec: { shredKey(trx: Trx, keyId: string): Promise<void> },
  requestId: string,
  now: string,
): Promise<void> {
  const row = await trx.selectFrom('dpo_requests').select(['key_id']).where('id', '=', requestId).executeTakeFirst()
  if (!row) return
  await trx
    .updateTable('dpo_requests')
    .set({ ...emptied('dpo_requests'), anonymised_at: now, updated_at: now })
    .where('id', '=', requestId)
    .execute()
  if (row.key_id === requestId) await codec.shredKey(trx, requestId)
}
