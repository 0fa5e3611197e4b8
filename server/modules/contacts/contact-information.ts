import crypto from 'node:crypto'
import type { InformationGivenEntry, InformationGivenInput } from '../../../common/contracts/contact-information.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { informationGivenOf, insertHistory, insertInformationGiven, type OpenedContact, updateContact } from '../../security/contact-access'

type Row = Awaited<ReturnType<ReturnType<typeof informationGivenOf>['execute']>>[number]

const present = (r: Row): InformationGivenEntry => ({
  id: r.id,
  sheetId: r.sheet_id,
  sheetCode: r.sheetCode,
  title: r.title,
  version: r.textVersion,
  language: r.language,
  how: r.how,
  recordedBy: r.recordedByName,
  recordedAt: r.recorded_at,
})

/** What was given during the contact, newest first. */
export async function informationGiven(trx: Trx, contact: OpenedContact): Promise<InformationGivenEntry[]> {
  return (await informationGivenOf(trx, contact).execute()).map(present)
}

/**
 * Records the text of a sheet given during a contact: the version published in that language now
 * (a later revision leaves the record pointing at what the caller was actually given). A sheet
 * with no published text in that language is refused, naming `language`: nothing is ever given
 * in another language than the one asked for.
 *
 * A draft takes it as it goes (its history starts when it is final, as with every other change,
 * and its version stays: the form being typed keeps saving). A final contact needs the version
 * the caller saw, moves on one version and keeps the line on its history (sealed with its key).
 */
export async function recordInformationGiven(
  ctx: RequestContext,
  trx: Trx,
  contact: OpenedContact,
  version: number | null,
  input: InformationGivenInput,
): Promise<{ entry: InformationGivenEntry; contactVersion: number }> {
  const final = contact.status === 'final'
  if (final && version !== contact.version) throw fail('version.mismatch')
  const sheet = await trx.selectFrom('sheets').select(['id', 'code']).where('id', '=', input.sheetId).executeTakeFirst()
  if (!sheet) throw fail('resource.not_found')
  const text = await trx
    .selectFrom('sheet_versions')
    .select(['id', 'version'])
    .where('sheet_id', '=', sheet.id)
    .where('language', '=', input.language)
    .where('status', '=', 'published')
    .executeTakeFirst()
  if (!text) throw invalidField('language', 'not_published', 'The sheet has no published text in this language')

  const id = crypto.randomUUID()
  const now = ctx.now()
  await insertInformationGiven(trx, contact, {
    id,
    sheet_id: sheet.id,
    sheet_version_id: text.id,
    language: input.language,
    how: input.how,
    recorded_by: ctx.user.userId,
    recorded_at: now,
  })
  let contactVersion = contact.version
  if (final) {
    const updated = await updateContact(trx, contact, contact.version, { updated_at: now, version: contact.version + 1 })
    if (updated === 0) throw fail('version.mismatch')
    contactVersion = contact.version + 1
    const key = await ctx.codec.personKey(trx, contact.id)
    const historyId = crypto.randomUUID()
    const changes = [{ field: 'informationGiven', old: null, new: `${sheet.code} · v${text.version} · ${input.language} · ${input.how}` }]
    await insertHistory(trx, contact, {
      id: historyId,
      at: now,
      actor_id: ctx.user.userId,
      kind: 'information_given',
      changes_sealed: ctx.codec.sealRow('contact_history', key, historyId, { changes }).changes_sealed,
      version: contactVersion,
    })
  }
  const entry = (await informationGivenOf(trx, contact).where('contact_information_given.id', '=', id).execute()).map(present)[0]
  if (!entry) throw fail('resource.not_found')
  return { entry, contactVersion }
}
