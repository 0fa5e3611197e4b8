import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

/**
 * Documents in chunks, each sealed on its own (ADR 0008): the content key in the document's
 * row, sealed with the person's key; the chunks in `document_chunks` on PostgreSQL, where every
 * instance must see them (on SQLite, one machine's disk holds them and the table stays empty).
 * No foreign key to `documents`: chunks are written before their row commits, so that no
 * transaction is open while an upload arrives.
 */
export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  await db.schema.alterTable('documents').addColumn('content_key_sealed', 'text').execute()
  await db.schema
    .createTable('document_chunks')
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sealed', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_chunks_pk', ['document_id', 'seq'])
    .execute()
  // Sealed bytes do not compress: PostgreSQL is spared trying, chunk after chunk.
  if (kind === 'postgres') await sql`alter table document_chunks alter column sealed set storage external`.execute(db)
  await db.schema.createIndex('document_chunks_stored').on('document_chunks').column('stored_at').execute()
}
