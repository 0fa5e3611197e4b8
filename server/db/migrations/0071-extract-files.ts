import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

const FORMATS = ['csv', 'xlsx', 'dictionary'] as const

/**
 * An extract's sealed files move out of its register row into a table of their own, one row per
 * file. SQLite keeps a large value in a chain of overflow pages inside its row, and a column
 * stored after it is reached only by walking that chain: the register's `purged_at`, `job_id`,
 * `ready_at` and `failure` (0059, 0065) came after the files, so listing a study's extracts (the
 * researcher's page asks again while a job runs) read every file of the study. On the bench's
 * 11 extracts of 16 MB each, listing took 70 to 137 ms and filled 57 MB of the page cache, and the
 * built server's RSS was 226 MB when the job began against 163 MB idle. The register row is now
 * small, and a file is read only when it is downloaded.
 */
export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  const blob = kind === 'postgres' ? 'bytea' : 'blob'
  await db.schema
    .createTable('study_extract_files')
    .addColumn('extract_id', 'text', (c) => c.notNull().references('study_extracts.id'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('sealed', blob, (c) => c.notNull())
    .addPrimaryKeyConstraint('study_extract_files_pk', ['extract_id', 'format'])
    .execute()
  // Only the files still held: a purged or given-up extract's are empty.
  for (const format of FORMATS)
    await sql`insert into study_extract_files (extract_id, format, sealed)
      select id, ${sql.lit(format)}, ${sql.ref(format)} from study_extracts
      where ready_at is not null and purged_at is null and length(${sql.ref(format)}) > 0`.execute(db)
  for (const format of FORMATS) await db.schema.alterTable('study_extracts').dropColumn(format).execute()
}
