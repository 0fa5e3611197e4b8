import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

/**
 * Information sheets (the contact point's knowledge base). Staff-written knowledge, not personal
 * data: nothing is sealed, every change is audited.
 *
 * `sheets`: the stable sheet (code, kind, audiences and themes as JSON lists, public flag) with
 * its record version for If-Match. `sheet_versions`: its texts, numbered per language; at most
 * one `draft` and one `published` per sheet and language (partial unique indexes), earlier
 * published texts kept as `archived`. `sheet_search_docs`: one row per published text, the key of
 * the full-text index, kept by the commands that publish and unpublish:
 * - SQLite: `sheet_search`, a contentless FTS5 table (rowid = the doc id) whose tokenizer folds
 *   accents (`unicode61 remove_diacritics 2`), so "educateur" finds "éducateur";
 * - PostgreSQL: a `document` tsvector (title weighted above body) made with the language's text
 *   search configuration from accent-folded text (unaccent is not assumed installed), GIN-indexed.
 */
export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  await db.schema
    .createTable('sheets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('audiences', 'text', (c) => c.notNull())
    // Free theme codes for now (a JSON list); the configurable themes list will name the same codes.
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('sheet_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sheet_id', 'text', (c) => c.notNull().references('sheets.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .addUniqueConstraint('sheet_versions_unique', ['sheet_id', 'language', 'version'])
    .execute()
  await sql`create unique index sheet_versions_one_draft on sheet_versions (sheet_id, language) where status = 'draft'`.execute(db)
  await sql`create unique index sheet_versions_one_published on sheet_versions (sheet_id, language) where status = 'published'`.execute(db)

  await db.schema
    .createTable('sheet_search_docs')
    .addColumn('id', kind === 'postgres' ? 'serial' : 'integer', (c) => c.primaryKey())
    .addColumn('sheet_id', 'text', (c) => c.notNull().references('sheets.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull().references('sheet_versions.id'))
    .addUniqueConstraint('sheet_search_docs_unique', ['sheet_id', 'language'])
    .execute()
  await db.schema.createIndex('sheet_search_docs_language').on('sheet_search_docs').columns(['language', 'sheet_id']).execute()
  if (kind === 'postgres') {
    await sql`alter table sheet_search_docs add column document tsvector not null`.execute(db)
    await sql`create index sheet_search_docs_document on sheet_search_docs using gin (document)`.execute(db)
  } else {
    await sql`create virtual table sheet_search using fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    )
  }
}
