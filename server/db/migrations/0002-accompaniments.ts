import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accompaniments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    // The client: the person concerned, or the relative or professional who asks for support.
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('concerned_person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('concerned_status', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('framework', 'text', (c) => c.notNull())
    .addColumn('measure', 'text')
    .addColumn('authority_kind', 'text')
    .addColumn('mandate_start', 'text')
    .addColumn('mandate_end', 'text')
    .addColumn('authority_sealed', 'text')
    .addColumn('conditions_sealed', 'text')
    .addColumn('reporting_sealed', 'text')
    .addColumn('summary_sealed', 'text')
    .addColumn('closure_reason_sealed', 'text')
    .addColumn('closure_outcome', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('accompaniments_team_status').on('accompaniments').columns(['team_id', 'status', 'updated_at']).execute()
  await db.schema.createIndex('accompaniments_person').on('accompaniments').column('person_id').execute()
  await db.schema.createIndex('accompaniments_concerned').on('accompaniments').column('concerned_person_id').execute()

  await db.schema
    .createTable('accompaniment_workers')
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('accompaniment_workers_pk', ['accompaniment_id', 'user_id'])
    .execute()
  await db.schema.createIndex('accompaniment_workers_user').on('accompaniment_workers').columns(['user_id', 'accompaniment_id']).execute()

  await db.schema
    .createTable('accompaniment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('note_sealed', 'text')
    .execute()
  await db.schema.createIndex('accompaniment_events_acc').on('accompaniment_events').columns(['accompaniment_id', 'at']).execute()

  // Break-the-glass: time-limited access, with the stated reason sealed.
  await db.schema
    .createTable('access_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason_sealed', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('access_grants_user').on('access_grants').columns(['user_id', 'expires_at']).execute()
  await db.schema.createIndex('access_grants_acc').on('access_grants').columns(['accompaniment_id', 'granted_at']).execute()
}
