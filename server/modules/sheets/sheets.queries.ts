import type {
  PublicSheetList,
  PublicSheetView,
  SheetAudience,
  SheetHistory,
  SheetKind,
  SheetList,
  SheetSummary,
  SheetVersionView,
  SheetView,
} from '../../../common/contracts/sheets.contracts'
import { LANGUAGES, type Language } from '../../../common/roles'
import { fromJson } from '../../db/json'
import type { ModuleServices } from '../../http/context'
import { asStaff, type StaffTx } from '../../http/staff-fence'
import { ftsQuery, queryWords, TEXT_SEARCH_CONFIG, tsQuery } from './sheets.search'

export type ServiceKind = ModuleServices['kind']

/**
 * Reads of information sheets. Sheets are not personal data: these run on the fenced staff handle
 * (no audit entry), which also refuses raw SQL, so the full-text queries are written with Kysely's
 * operators (`match`, `@@`) and function calls.
 *
 * `manager`: whether the caller manages sheets (sheet.manage). Only managers see drafts, archived
 * texts' place in the history is shown to all (old versions stay readable), and a sheet with no
 * published text in any language is listed to managers only.
 */
type SheetRow = {
  id: string
  code: string
  kind: SheetKind
  audiences: SheetAudience[]
  themes: string[]
  public: boolean
  version: number
  updatedAt: string
}
type TextState = { version: number; title: string; at: string }

async function loadSheets(db: StaffTx, where: { ids?: string[]; code?: string } = {}): Promise<SheetRow[]> {
  let q = asStaff(db).selectFrom('sheets').selectAll()
  if (where.ids) q = q.where('id', 'in', where.ids.length ? where.ids : [''])
  if (where.code) q = q.where('code', '=', where.code)
  const rows = await q.orderBy('code').execute()
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    kind: r.kind,
    audiences: fromJson(r.audiences),
    themes: fromJson(r.themes),
    public: r.public === 1,
    version: r.version,
    updatedAt: r.updated_at,
  }))
}

/** The draft and published text of each sheet and language (titles only). */
async function loadStates(db: StaffTx, sheetIds: string[]) {
  const rows = sheetIds.length
    ? await asStaff(db)
        .selectFrom('sheet_versions')
        .select(['sheet_id', 'language', 'version', 'status', 'title', 'updated_at', 'published_at'])
        .where('sheet_id', 'in', sheetIds)
        .where('status', 'in', ['draft', 'published'])
        .execute()
    : []
  const states = new Map<string, { published?: TextState; draft?: TextState }>()
  for (const r of rows) {
    const key = `${r.sheet_id}:${r.language}`
    const s = states.get(key) ?? {}
    if (r.status === 'published') s.published = { version: r.version, title: r.title, at: r.published_at ?? r.updated_at }
    else s.draft = { version: r.version, title: r.title, at: r.updated_at }
    states.set(key, s)
  }
  return states
}

function summarise(
  sheet: SheetRow,
  states: Awaited<ReturnType<typeof loadStates>>,
  language: Language,
  manager: boolean,
): SheetSummary | null {
  const languages = LANGUAGES.flatMap((l) => {
    const s = states.get(`${sheet.id}:${l}`)
    const published = s?.published ? { version: s.published.version, title: s.published.title, publishedAt: s.published.at } : null
    const draft = manager && s?.draft ? { version: s.draft.version, title: s.draft.title, updatedAt: s.draft.at } : null
    return published || draft ? [{ language: l, published, draft }] : []
  })
  if (!manager && !languages.some((l) => l.published)) return null
  const here = languages.find((l) => l.language === language)
  return {
    ...sheet,
    language,
    available: !!here?.published,
    title: here?.published?.title ?? (manager ? (here?.draft?.title ?? null) : null),
    languages,
  }
}

/** Sheet ids whose text published in `language` matches the words, best first. */
async function searchIds(db: StaffTx, kind: ServiceKind, language: Language, q: string): Promise<string[]> {
  const words = queryWords(q)
  if (!words.length) return []
  if (kind === 'postgres') {
    const cfg = TEXT_SEARCH_CONFIG[language]
    const rows = await asStaff(db)
      .selectFrom('sheet_search_docs')
      .select((eb) => [
        'sheet_id',
        eb.fn<number>('ts_rank', [eb.ref('document'), eb.fn('to_tsquery', [eb.val(cfg), eb.val(tsQuery(words))])]).as('score'),
      ])
      .where('language', '=', language)
      .where((eb) => eb(eb.ref('document'), '@@', eb.fn('to_tsquery', [eb.val(cfg), eb.val(tsQuery(words))])))
      .orderBy('score', 'desc')
      .orderBy('sheet_id')
      .limit(100)
      .execute()
    return rows.map((r) => r.sheet_id)
  }
  const rows = await asStaff(db)
    .selectFrom('sheet_search')
    .innerJoin('sheet_search_docs', 'sheet_search_docs.id', 'sheet_search.rowid')
    .select((eb) => [
      'sheet_search_docs.sheet_id',
      // Words in the title count five times those in the body.
      eb.fn<number>('bm25', [eb.ref('sheet_search.sheet_search'), eb.lit(5), eb.lit(1)]).as('score'),
    ])
    .where('sheet_search_docs.language', '=', language)
    .where((eb) => eb(eb.ref('sheet_search.sheet_search'), 'match', ftsQuery(words)))
    .orderBy('score', 'asc')
    .orderBy('sheet_search_docs.sheet_id')
    .limit(100)
    .execute()
  return rows.map((r) => r.sheet_id)
}

export async function listSheets(
  db: StaffTx,
  kind: ServiceKind,
  query: { language: Language; q?: string | undefined; kind?: SheetKind | undefined; audience?: SheetAudience | undefined },
  manager: boolean,
): Promise<SheetList> {
  const searched = !!query.q && queryWords(query.q).length > 0
  const ranked = searched ? await searchIds(db, kind, query.language, query.q as string) : null
  const sheets = await loadSheets(db, ranked ? { ids: ranked } : {})
  if (ranked) sheets.sort((a, b) => ranked.indexOf(a.id) - ranked.indexOf(b.id))
  const states = await loadStates(
    db,
    sheets.map((s) => s.id),
  )
  const items = sheets
    .filter((s) => (!query.kind || s.kind === query.kind) && (!query.audience || s.audiences.includes(query.audience)))
    .flatMap((s) => summarise(s, states, query.language, manager) ?? [])
  return { language: query.language, searched, items }
}

const VERSION_COLUMNS = [
  'id',
  'sheet_id',
  'language',
  'version',
  'status',
  'title',
  'body',
  'created_by',
  'created_at',
  'updated_at',
  'published_by',
  'published_at',
] as const
// The staff fence refuses table aliases (it sees them as tables): columns are named in full.
const versionQuery = (db: StaffTx) => asStaff(db).selectFrom('sheet_versions').select(VERSION_COLUMNS)
type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['execute']>>[number]

/** The rows presented, with the names of who wrote and published them. */
async function presentVersions(db: StaffTx, rows: VersionRow[]): Promise<SheetVersionView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.created_by, r.published_by]).filter((x): x is string => !!x))]
  const users = ids.length ? await asStaff(db).selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute() : []
  const name = (id: string | null) => users.find((u) => u.id === id)?.display_name ?? null
  return rows.map((r) => ({
    id: r.id,
    sheetId: r.sheet_id,
    language: r.language,
    version: r.version,
    status: r.status,
    title: r.title,
    body: r.body,
    createdAt: r.created_at,
    createdByName: name(r.created_by),
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
    publishedByName: name(r.published_by),
  }))
}

/** One sheet in one language: its published text there (or null, never another language's), and for managers its draft. */
export async function getSheet(db: StaffTx, id: string, language: Language, manager: boolean): Promise<SheetView | null> {
  const [sheet] = await loadSheets(db, { ids: [id] })
  if (!sheet) return null
  const summary = summarise(sheet, await loadStates(db, [id]), language, manager)
  if (!summary) return null
  const rows = await versionQuery(db)
    .where('sheet_id', '=', id)
    .where('language', '=', language)
    .where('status', 'in', manager ? ['published', 'draft'] : ['published'])
    .execute()
  const texts = await presentVersions(db, rows)
  return { ...summary, text: texts.find((t) => t.status === 'published') ?? null, draft: texts.find((t) => t.status === 'draft') ?? null }
}

/** Versions of a sheet's text in one language, newest first; drafts only for managers. */
export async function sheetHistory(db: StaffTx, id: string, language: Language, manager: boolean): Promise<SheetHistory | null> {
  const [sheet] = await loadSheets(db, { ids: [id] })
  if (!sheet || !summarise(sheet, await loadStates(db, [id]), language, manager)) return null
  const rows = await versionQuery(db)
    .where('sheet_id', '=', id)
    .where('language', '=', language)
    .where('status', 'in', manager ? ['published', 'draft', 'archived'] : ['published', 'archived'])
    .orderBy('version', 'desc')
    .execute()
  return { items: (await presentVersions(db, rows)).map(({ body: _body, ...rest }) => rest) }
}

export async function sheetVersion(
  db: StaffTx,
  id: string,
  language: Language,
  version: number,
  manager: boolean,
): Promise<SheetVersionView | null> {
  const [sheet] = await loadSheets(db, { ids: [id] })
  if (!sheet || !summarise(sheet, await loadStates(db, [id]), language, manager)) return null
  const row = await versionQuery(db)
    .where('sheet_id', '=', id)
    .where('language', '=', language)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row || (row.status === 'draft' && !manager)) return null
  const [view] = await presentVersions(db, [row])
  return view ?? null
}

/**
 * For the public information page (no sign-in): published texts in `language` of sheets marked
 * public. Exported for the public page's own server code as well as for its API route.
 */
export async function publicSheets(db: StaffTx, language: Language): Promise<PublicSheetList> {
  const rows = await asStaff(db)
    .selectFrom('sheets')
    .innerJoin('sheet_versions', 'sheet_versions.sheet_id', 'sheets.id')
    .select([
      'sheets.code',
      'sheets.kind',
      'sheets.audiences',
      'sheet_versions.title',
      'sheet_versions.version',
      'sheet_versions.published_at',
      'sheet_versions.updated_at',
    ])
    .where('sheets.public', '=', 1)
    .where('sheet_versions.language', '=', language)
    .where('sheet_versions.status', '=', 'published')
    .orderBy('sheets.kind')
    .orderBy('sheet_versions.title')
    .execute()
  return {
    language,
    items: rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      audiences: fromJson(r.audiences),
      title: r.title,
      version: r.version,
      publishedAt: r.published_at ?? r.updated_at,
    })),
  }
}

/** One public sheet by code: its published text in `language`, or null text and the languages it has. */
export async function publicSheet(db: StaffTx, code: string, language: Language): Promise<PublicSheetView | null> {
  const [sheet] = await loadSheets(db, { code })
  if (!sheet?.public) return null
  const rows = await asStaff(db)
    .selectFrom('sheet_versions')
    .select(['language', 'title', 'body', 'version', 'published_at', 'updated_at'])
    .where('sheet_id', '=', sheet.id)
    .where('status', '=', 'published')
    .execute()
  if (!rows.length) return null
  const here = rows.find((r) => r.language === language)
  return {
    code: sheet.code,
    kind: sheet.kind,
    audiences: sheet.audiences,
    language,
    languages: LANGUAGES.filter((l) => rows.some((r) => r.language === l)),
    text: here ? { title: here.title, body: here.body, version: here.version, publishedAt: here.published_at ?? here.updated_at } : null,
  }
}

/**
 * THE SEAM FOR "INFORMATION GIVEN" (a contact records which sheet it handed out): the version
 * and title currently published of a sheet in a language, or null when it has none there. A
 * contact stores (sheet id, version, language, how), so that what was given stays readable
 * through `sheetVersion` even after later versions.
 */
export async function publishedSheetRef(
  db: StaffTx,
  sheetId: string,
  language: Language,
): Promise<{ sheetId: string; code: string; language: Language; version: number; versionId: string; title: string } | null> {
  const row = await asStaff(db)
    .selectFrom('sheet_versions')
    .innerJoin('sheets', 'sheets.id', 'sheet_versions.sheet_id')
    .select(['sheets.code', 'sheet_versions.id', 'sheet_versions.version', 'sheet_versions.title'])
    .where('sheet_versions.sheet_id', '=', sheetId)
    .where('sheet_versions.language', '=', language)
    .where('sheet_versions.status', '=', 'published')
    .executeTakeFirst()
  return row ? { sheetId, code: row.code, language, version: row.version, versionId: row.id, title: row.title } : null
}
