import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

/**
 * Issue 13, lane "export": subject-access and portability exports. One row per export of a
 * person for a DPO request; the archive (JSON + PDF) is kept sealed in the row itself, so that
 * every instance sees it on PostgreSQL and a copied file or dump shows nothing. Its content key
 * is sealed with the person's data key: shredding the person makes a forgotten export unreadable
 * too. The archive is removed once downloaded. `flagged` lists where third parties' data sits
 * (table, row id, field, reason): ids and codes only, never a name.
 */
export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  await db.schema
    .createTable('dpo_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ready_at', 'text')
    .addColumn('downloaded_at', 'text')
    .addColumn('archive', kind === 'postgres' ? 'bytea' : 'blob')
    .addColumn('archive_key_sealed', 'text')
    .addColumn('archive_size', 'integer')
    .addColumn('flagged', 'text')
    .addColumn('counts', 'text')
    .execute()
  if (kind === 'postgres') await sql`alter table dpo_exports alter column archive set storage external`.execute(db)
  await db.schema.createIndex('dpo_exports_request').on('dpo_exports').column('request_id').execute()
}
