import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

/**
 * Every person an audit entry showed or changed, not only its main subject: a caseload page
 * shows fifty clients, and "who read this person" must find that read. The list is a hashed
 * column of the entry (so that it cannot be changed alone) and an index table beside it, which
 * the DPO's questions read; both are append-only like the log itself.
 */
export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  const bigint = kind === 'postgres' ? 'bigint' : 'integer'
  await db.schema.alterTable('audit_log').addColumn('persons', 'text').execute()
  await db.schema
    .createTable('audit_persons')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('seq', bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_persons_pk', ['person_id', 'seq'])
    .execute()
  // Entries written before this migration name at most one person, in person_id.
  await sql`insert into audit_persons (person_id, seq) select person_id, seq from audit_log where person_id is not null`.execute(db)
  if (kind === 'postgres') {
    await sql`
      create trigger audit_persons_no_update before update or delete or truncate on audit_persons
      for each statement execute function audit_log_immutable()`.execute(db)
  } else {
    await sql`create trigger audit_persons_no_update before update on audit_persons
      begin select raise(abort, 'audit_persons is append-only'); end`.execute(db)
    await sql`create trigger audit_persons_no_delete before delete on audit_persons
      begin select raise(abort, 'audit_persons is append-only'); end`.execute(db)
  }
}
