import type { Kysely } from 'kysely'
import type { DbKind } from '../database'

/**
 * Network map snapshots of an accompaniment. The ties (names of people and groups around the
 * person, with kind, strength and valence) are one sealed JSON document per snapshot: they are
 * always read and compared together, never queried one by one.
 */
export async function up(db: Kysely<unknown>, _kind: DbKind): Promise<void> {
  await db.schema
    .createTable('network_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('ties_sealed', 'text', (c) => c.notNull())
    .addColumn('note_sealed', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('network_snapshots_acc').on('network_snapshots').columns(['accompaniment_id', 'taken_on']).execute()
}
