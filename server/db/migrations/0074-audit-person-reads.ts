import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

/**
 * "Who read this person" at 50 million entries, cold (issue 13; docs/access-review.md). Since
 * 0046 the question started at the persons index (`audit_persons`, keyed person then entry
 * number) and reached each of the person's entries through `audit_reader`: at the target's
 * density, 2,750 probes scattered over the whole log's index, each a page read when the person
 * had not been looked at for months (311 ms at p95 for the first series after a restart, against
 * 100). Each row of `audit_persons` now carries its entry's time, actor, action and outcome, and
 * `audit_person_reads` (person, time → actor, action, outcome, entry) holds a person's reads of a
 * period side by side: one range of a few dozen pages.
 *
 * The copies are written with the entry, in the same statement (audit.chain.ts), into a table
 * that stays append-only: on PostgreSQL it is made anew with them, on SQLite its update trigger is
 * lifted only for the backfill, inside the migration's transaction. On a large existing log, run
 * the migration in a maintenance window (every read of the service appends to this table), then
 * `VACUUM ANALYZE audit_persons` on PostgreSQL (autovacuum does it in time): until the new rows
 * are marked all-visible, the index-only range also visits the table.
 */
export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  if (kind === 'postgres') {
    // The table made again rather than updated in place: rewriting every row with its copies took
    // 1,191 s for 27.5 million rows (and left the table twice its size); made anew, 193 s. A row
    // whose entry is missing keeps empty copies rather than be lost: `audit verify` counts the
    // index's rows against the entries', and must still see it.
    await sql`set local maintenance_work_mem = '256MB'`.execute(db)
    await sql`create table audit_persons_next (
      person_id text not null, seq bigint not null,
      at text not null default '', action text not null default '', outcome text not null default '', actor_id text)`.execute(db)
    await sql`insert into audit_persons_next (person_id, seq, at, actor_id, action, outcome)
      select p.person_id, p.seq, coalesce(a.at, ''), a.actor_id, coalesce(a.action, ''), coalesce(a.outcome, '')
      from audit_persons p left join audit_log a on a.seq = p.seq`.execute(db)
    await sql`drop table audit_persons`.execute(db)
    await sql`alter table audit_persons_next rename to audit_persons`.execute(db)
    await sql`alter table audit_persons add constraint audit_persons_pk primary key (person_id, seq)`.execute(db)
    await sql`create index audit_person_reads on audit_persons (person_id, at) include (actor_id, action, outcome, seq)`.execute(db)
    await sql`
      create trigger audit_persons_no_update before update or delete or truncate on audit_persons
      for each statement execute function audit_log_immutable()`.execute(db)
    return
  }
  for (const column of ['at', 'action', 'outcome'])
    await db.schema
      .alterTable('audit_persons')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute()
  await db.schema.alterTable('audit_persons').addColumn('actor_id', 'text').execute()
  await sql`drop trigger audit_persons_no_update`.execute(db)
  await sql`update audit_persons set at = a.at, actor_id = a.actor_id, action = a.action, outcome = a.outcome
    from audit_log a where a.seq = audit_persons.seq`.execute(db)
  await sql`create trigger audit_persons_no_update before update on audit_persons
    begin select raise(abort, 'audit_persons is append-only'); end`.execute(db)
  await db.schema
    .createIndex('audit_person_reads')
    .on('audit_persons')
    .columns(['person_id', 'at', 'actor_id', 'action', 'outcome', 'seq'])
    .execute()
}
