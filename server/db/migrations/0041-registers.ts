import type { Kysely } from 'kysely'

/**
 * Issue 13, lane "registers": the records of processing (art. 30) and the breach register
 * (art. 33(5)). The register's settings are what the software cannot know (the controller, the
 * DPO's contact, the purposes in the service's words), one row kept by the DPO, versioned. A
 * breach's free text (what happened, its consequences, the measures, why people were not told)
 * is one sealed document under a master-derived key: it may quote what leaked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('processing_register')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db
    .insertInto('processing_register' as never)
    .values({ id: 'register', settings: '{}', updated_by: null, updated_at: null, version: 1 } as never)
    .execute()

  await db.schema
    .createTable('breaches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('discovered_at', 'text', (c) => c.notNull())
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('content_sealed', 'text', (c) => c.notNull())
    .addColumn('subject_categories', 'text', (c) => c.notNull())
    .addColumn('data_categories', 'text', (c) => c.notNull())
    .addColumn('persons_affected', 'integer')
    .addColumn('records_affected', 'integer')
    .addColumn('authority_decision', 'text', (c) => c.notNull())
    .addColumn('authority_notified_at', 'text')
    .addColumn('authority_reference', 'text')
    .addColumn('persons_decision', 'text', (c) => c.notNull())
    .addColumn('persons_notified_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  // Open breaches first, by discovery: the DPO's list and landing read this.
  await db.schema.createIndex('breaches_status_discovered').on('breaches').columns(['status', 'discovered_at']).execute()
}
