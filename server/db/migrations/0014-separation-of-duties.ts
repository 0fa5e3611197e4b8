import { type Kysely, sql } from 'kysely'

/**
 * Separation of duties for administrators (ADR 0007). `role_requests` holds grants of roles and
 * teams that wait for a second person: they live beside `user_roles` and `user_teams`, not in
 * them, so a pending grant gives nothing until it is confirmed. `dpo_alerts` tells the DPO who
 * took which path into whose account (a new activation link, a second-factor reset) and which
 * grants another admin confirmed, until the DPO acknowledges it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('role_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // JSON arrays: the roles and the teams to add, never the ones the user already holds.
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('team_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('role_requests_status', sql`status in ('pending', 'confirmed', 'refused', 'withdrawn')`)
    .execute()
  // At most one request waits per user: a new change of their roles replaces it.
  await sql`create unique index role_requests_one_pending on role_requests (user_id) where status = 'pending'`.execute(db)
  await db.schema.createIndex('role_requests_status').on('role_requests').columns(['status', 'requested_at']).execute()

  await db.schema
    .createTable('dpo_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('team_ids', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('dpo_alerts_kind', sql`kind in ('activation_issued', 'mfa_reset', 'grant_confirmed')`)
    .execute()
  await db.schema.createIndex('dpo_alerts_open').on('dpo_alerts').columns(['acknowledged_at', 'at']).execute()
}
