import type { Kysely } from 'kysely'
import type { DbKind } from '../database'

/**
 * Issue 14: the extracts taken for a study, and the register of them (who, when, which variables,
 * how many records, how many dropped by k-anonymity). The files hold no name, free text, birth
 * date or postcode, but they are pseudonymised data about people: each is sealed with a random key
 * of its own (`key_sealed`, a system secret), like the subject exports' archives.
 */
export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  const blob = kind === 'postgres' ? 'bytea' : 'blob'
  await db.schema
    .createTable('study_extracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('variables', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('dropped', 'integer', (c) => c.notNull())
    .addColumn('k', 'integer', (c) => c.notNull())
    .addColumn('key_sealed', 'text', (c) => c.notNull())
    .addColumn('csv', blob, (c) => c.notNull())
    .addColumn('xlsx', blob, (c) => c.notNull())
    .addColumn('dictionary', blob, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('study_extracts_study').on('study_extracts').columns(['study_id', 'created_at']).execute()
}
