import crypto from 'node:crypto'
import type { NewSheetInput, SheetMetadata, SheetTextInput } from '../../../common/contracts/sheets.contracts'
import type { Language } from '../../../common/roles'
import { toJson } from '../../db/json'
import type { Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import type { ServiceKind } from './sheets.queries'
import { indexText, unindexText } from './sheets.search'

/**
 * Changes to information sheets, each run in the transaction of its audit entry (ctx.write).
 *
 * A text's life in one language: a draft (edited in place while it is one), published (the one
 * readers see), then archived when a newer version is published or the text is unpublished. A
 * published text is never edited: saving a text that has no draft starts a new numbered draft,
 * so earlier versions stay readable as they were given.
 *
 * Every change to a sheet or one of its texts raises the sheet's record version, which the
 * caller sends back in If-Match: two people editing the same sheet cannot overwrite each other.
 */
type Actor = { userId: string | null; now: string }

async function lockSheet(trx: Trx, id: string, expected: number, now: string): Promise<number> {
  const sheet = await trx.selectFrom('sheets').select('version').where('id', '=', id).executeTakeFirst()
  if (!sheet) throw fail('resource.not_found')
  const updated = await trx
    .updateTable('sheets')
    .set({ version: expected + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw fail('version.mismatch')
  return expected + 1
}

async function nextVersion(trx: Trx, sheetId: string, language: Language): Promise<number> {
  const last = await trx
    .selectFrom('sheet_versions')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('sheet_id', '=', sheetId)
    .where('language', '=', language)
    .executeTakeFirst()
  return Number(last?.latest ?? 0) + 1
}

async function insertDraft(trx: Trx, sheetId: string, language: Language, text: SheetTextInput, by: Actor) {
  const version = await nextVersion(trx, sheetId, language)
  await trx
    .insertInto('sheet_versions')
    .values({
      id: crypto.randomUUID(),
      sheet_id: sheetId,
      language,
      version,
      status: 'draft',
      title: text.title,
      body: text.body,
      created_by: by.userId,
      created_at: by.now,
      updated_at: by.now,
      published_by: null,
      published_at: null,
    })
    .execute()
  return version
}

export async function createSheet(trx: Trx, input: NewSheetInput, by: Actor): Promise<{ id: string; version: number }> {
  const taken = await trx.selectFrom('sheets').select('id').where('code', '=', input.code).executeTakeFirst()
  if (taken) throw invalidField('code', 'taken', 'A sheet with this code exists')
  const id = crypto.randomUUID()
  await trx
    .insertInto('sheets')
    .values({
      id,
      code: input.code,
      kind: input.kind,
      audiences: toJson(input.audiences),
      themes: toJson(input.themes),
      public: input.public ? 1 : 0,
      version: 1,
      created_by: by.userId,
      created_at: by.now,
      updated_at: by.now,
    })
    .execute()
  const version = await insertDraft(trx, id, input.language, input.text, by)
  return { id, version }
}

export async function updateSheet(trx: Trx, id: string, expected: number, input: SheetMetadata, by: Actor): Promise<void> {
  await lockSheet(trx, id, expected, by.now)
  await trx
    .updateTable('sheets')
    .set({ kind: input.kind, audiences: toJson(input.audiences), themes: toJson(input.themes), public: input.public ? 1 : 0 })
    .where('id', '=', id)
    .execute()
}

/** Saves the draft of a text: edits the draft in place, or starts a new version when there is none. */
export async function saveDraft(
  trx: Trx,
  id: string,
  language: Language,
  expected: number,
  text: SheetTextInput,
  by: Actor,
): Promise<{ version: number; created: boolean }> {
  await lockSheet(trx, id, expected, by.now)
  const draft = await trx
    .selectFrom('sheet_versions')
    .select(['id', 'version'])
    .where('sheet_id', '=', id)
    .where('language', '=', language)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (draft) {
    await trx
      .updateTable('sheet_versions')
      .set({ title: text.title, body: text.body, updated_at: by.now })
      .where('id', '=', draft.id)
      .execute()
    return { version: draft.version, created: false }
  }
  return { version: await insertDraft(trx, id, language, text, by), created: true }
}

/** Publishes the draft of a text: the published one before it is archived, the index follows. */
export async function publishDraft(
  trx: Trx,
  kind: ServiceKind,
  id: string,
  language: Language,
  expected: number,
  by: Actor,
): Promise<{ version: number; replaced: number | null }> {
  await lockSheet(trx, id, expected, by.now)
  const texts = await trx
    .selectFrom('sheet_versions')
    .select(['id', 'version', 'status', 'title', 'body'])
    .where('sheet_id', '=', id)
    .where('language', '=', language)
    .where('status', 'in', ['draft', 'published'])
    .execute()
  const draft = texts.find((t) => t.status === 'draft')
  if (!draft) throw fail('state.invalid_transition', 'There is no draft to publish in this language')
  const previous = texts.find((t) => t.status === 'published')
  if (previous)
    await trx.updateTable('sheet_versions').set({ status: 'archived', updated_at: by.now }).where('id', '=', previous.id).execute()
  await trx
    .updateTable('sheet_versions')
    .set({ status: 'published', published_by: by.userId, published_at: by.now, updated_at: by.now })
    .where('id', '=', draft.id)
    .execute()
  await indexText(trx, kind, { sheetId: id, language, versionId: draft.id, title: draft.title, body: draft.body })
  return { version: draft.version, replaced: previous?.version ?? null }
}

/** Withdraws the published text of a language: readers no longer see the sheet in it. */
export async function unpublish(trx: Trx, kind: ServiceKind, id: string, language: Language, expected: number, by: Actor) {
  await lockSheet(trx, id, expected, by.now)
  const published = await trx
    .selectFrom('sheet_versions')
    .select(['id', 'version'])
    .where('sheet_id', '=', id)
    .where('language', '=', language)
    .where('status', '=', 'published')
    .executeTakeFirst()
  if (!published) throw fail('state.invalid_transition', 'Nothing is published in this language')
  await trx.updateTable('sheet_versions').set({ status: 'archived', updated_at: by.now }).where('id', '=', published.id).execute()
  await unindexText(trx, kind, id, language)
  return { version: published.version }
}
