import type { Kysely } from 'kysely'
import type { DbKind } from '../database'

/**
 * The life-domain plan, kept as immutable versions (the whole content sealed in one column, so
 * that an earlier version reads exactly as it was agreed), and the trajectory: events of the
 * path and goals of the redefined trajectory, with dates of explicit precision.
 */
export async function up(db: Kysely<unknown>, _kind: DbKind): Promise<void> {
  await db.schema
    .createTable('plan_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content_sealed', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Two workers saving on the same version: the second insert fails here, whatever the engine.
    .addUniqueConstraint('plan_versions_acc_version', ['accompaniment_id', 'version'])
    .execute()

  await db.schema
    .createTable('trajectory_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date_precision', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('phase', 'text')
    .addColumn('domain', 'text')
    .addColumn('valence', 'integer', (c) => c.notNull())
    .addColumn('title_sealed', 'text', (c) => c.notNull())
    .addColumn('description_sealed', 'text')
    .addColumn('goal_ids', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('trajectory_events_acc').on('trajectory_events').columns(['accompaniment_id', 'date']).execute()
}
