import { sql } from 'kysely'
import type { Language } from '../../../common/roles'
import type { Trx } from '../../http/context'
import type { ServiceKind } from './sheets.queries'

/** The PostgreSQL text search configuration of each language of the service. */
export const TEXT_SEARCH_CONFIG: Record<Language, string> = { fr: 'french', nl: 'dutch', de: 'german', en: 'english' }

/**
 * Accents and case folded the way SQLite's `unicode61 remove_diacritics 2` folds them, so that
 * both engines find "éducateur" with "educateur" and the reverse. PostgreSQL's unaccent extension
 * is not assumed installed: text is folded here, before the stemmer sees it (documents and
 * queries alike, so that they meet).
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
}

/** The words of a query: letters and digits only, so that no search syntax comes from the caller. */
export function queryWords(q: string): string[] {
  return [...new Set(fold(q).match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 12)
}

/** FTS5: every word must appear, as a word or the start of one ("radical" finds "radicalisation"). */
export const ftsQuery = (words: string[]) => words.map((w) => `"${w}"*`).join(' ')
/** tsquery: every word, stemmed by the language's configuration, as a prefix. */
export const tsQuery = (words: string[]) => words.map((w) => `${w}:*`).join(' & ')

/**
 * Puts a published text in the full-text index (or replaces the one of its sheet and language).
 * Called by the commands that publish, in their transaction, so that the index is never behind.
 */
export async function indexText(
  trx: Trx,
  kind: ServiceKind,
  text: { sheetId: string; language: Language; versionId: string; title: string; body: string },
): Promise<void> {
  await unindexText(trx, kind, text.sheetId, text.language)
  const cfg = TEXT_SEARCH_CONFIG[text.language]
  if (kind === 'postgres') {
    await sql`insert into sheet_search_docs (sheet_id, language, version_id, document)
      values (${text.sheetId}, ${text.language}, ${text.versionId},
        setweight(to_tsvector(${cfg}::regconfig, ${fold(text.title)}), 'A') ||
        setweight(to_tsvector(${cfg}::regconfig, ${fold(text.body)}), 'B'))`.execute(trx)
    return
  }
  const doc = await trx
    .insertInto('sheet_search_docs')
    .values({ sheet_id: text.sheetId, language: text.language, version_id: text.versionId })
    .returning('id')
    .executeTakeFirstOrThrow()
  // Folded here too (the tokenizer does not make "ß" "ss"), so that documents and queries meet.
  await trx
    .insertInto('sheet_search')
    .values({ rowid: doc.id, title: fold(text.title), body: fold(text.body) })
    .execute()
}

/** Takes a sheet's text in one language out of the index (unpublished, or replaced). */
export async function unindexText(trx: Trx, kind: ServiceKind, sheetId: string, language: Language): Promise<void> {
  const doc = await trx
    .selectFrom('sheet_search_docs')
    .select('id')
    .where('sheet_id', '=', sheetId)
    .where('language', '=', language)
    .executeTakeFirst()
  if (!doc) return
  if (kind === 'sqlite') await trx.deleteFrom('sheet_search').where('rowid', '=', doc.id).execute()
  await trx.deleteFrom('sheet_search_docs').where('id', '=', doc.id).execute()
}
