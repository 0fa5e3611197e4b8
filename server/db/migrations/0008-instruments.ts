import type { Kysely } from 'kysely'
import type { DbKind } from '../database'

/**
 * Instruments as versioned definitions, and the answer sets given in one of their versions.
 * Definitions are not personal data; answers (scores included) are sealed with the person's key.
 */
export async function up(db: Kysely<unknown>, _kind: DbKind): Promise<void> {
  await db.schema
    .createTable('instruments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('built_in', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('instrument_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instrument_id', 'text', (c) => c.notNull().references('instruments.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('instrument_versions_unique', ['instrument_id', 'version'])
    .execute()
  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('instrument_id', 'text', (c) => c.notNull().references('instruments.id'))
    .addColumn('instrument_version_id', 'text', (c) => c.notNull().references('instrument_versions.id'))
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('answers_sealed', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('assessments_acc').on('assessments').columns(['accompaniment_id', 'instrument_id', 'taken_on']).execute()
}
