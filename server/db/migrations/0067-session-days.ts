import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'

/**
 * Issue 14: the indicators' count of a team's sessions by status walked each of the team's 20,000
 * cases in the sessions index (100 ms on SQLite). `session_days` holds, per team, UTC day
 * (`YYYY-MM-DD`) and status, how many sessions of the counted cases (not restricted) start that
 * day; a request sums the whole days of its period and reads the sessions of its two partial
 * days themselves, through `case_sessions_starts` (indicators.queries.ts).
 *
 * Triggers keep it in step with every writer, as 0066 does for the progress facts: a session
 * written, moved, given another status or deleted, and a case whose team or restriction changes.
 */
const KEY = 'team_id, day, status'
const onConflict = `on conflict (${KEY}) do update set sessions = session_days.sessions + excluded.sessions`

/** The upsert that adds (`sign` '') or takes away ('-') the sessions `from` brings, of case `a`. */
const apply = (a: string, s: string, sign: '' | '-', from: string, where: string, count: string) =>
  `insert into session_days (${KEY}, sessions) select ${a}.team_id, substr(${s}.starts_at, 1, 10), ${s}.status, ${sign}${count} ${from} where ${where}${a}.restricted = 0 ${onConflict}`

const sessionMoved = `old.accompaniment_id <> new.accompaniment_id or old.starts_at <> new.starts_at or old.status <> new.status`
const caseMoved = `old.team_id <> new.team_id or old.restricted <> new.restricted`

export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  await db.schema
    .createTable('session_days')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_days_pk', ['team_id', 'day', 'status'])
    .execute()
  // The sessions of a partial day, whatever their case, and their status from the index alone.
  await db.schema.createIndex('case_sessions_starts').on('case_sessions').columns(['starts_at', 'status', 'accompaniment_id']).execute()
  await rebuildSessionDays(db)

  // A case's sessions, counted per day and status: the move of a case with 100 sessions is a few upserts.
  const ofCase = (a: 'old' | 'new', sign: '' | '-') =>
    `${apply(a, 's', sign, 'from case_sessions s', 's.accompaniment_id = new.id and ', 'count(*)').replace(
      ' on conflict',
      ` group by substr(s.starts_at, 1, 10), s.status on conflict`,
    )}`
  if (kind === 'postgres') {
    const one = (s: 'old' | 'new', sign: '' | '-') => apply('a', s, sign, 'from accompaniments a', `a.id = ${s}.accompaniment_id and `, '1')
    await sql
      .raw(
        `create function session_days_session() returns trigger language plpgsql as $$ begin
          -- The team's lock first, as every writer of its sums takes it (0066).
          if tg_op <> 'INSERT' then
            perform parcours_lock_team_sums(team_id) from accompaniments where id = old.accompaniment_id;
            ${one('old', '-')};
          end if;
          if tg_op <> 'DELETE' then
            perform parcours_lock_team_sums(team_id) from accompaniments where id = new.accompaniment_id;
            ${one('new', '')};
          end if;
          return null;
        end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create function session_days_case() returns trigger language plpgsql as $$ begin
          perform parcours_lock_team_sums(old.team_id, new.team_id);
          ${ofCase('old', '-')};
          ${ofCase('new', '')};
          return null;
        end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger session_days_insert after insert or delete on case_sessions for each row execute function session_days_session()`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger session_days_update after update on case_sessions for each row when (${sessionMoved.replaceAll('<>', 'is distinct from')})
        execute function session_days_session()`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger session_days_case after update on accompaniments for each row when (${caseMoved.replaceAll('<>', 'is distinct from')})
        execute function session_days_case()`,
      )
      .execute(db)
    return
  }
  const one = (s: 'old' | 'new', sign: '' | '-') => apply('a', s, sign, 'from accompaniments a', `a.id = ${s}.accompaniment_id and `, '1')
  await sql.raw(`create trigger session_days_insert after insert on case_sessions begin ${one('new', '')}; end`).execute(db)
  await sql.raw(`create trigger session_days_delete after delete on case_sessions begin ${one('old', '-')}; end`).execute(db)
  await sql
    .raw(
      `create trigger session_days_update after update on case_sessions when ${sessionMoved} begin ${one('old', '-')}; ${one('new', '')}; end`,
    )
    .execute(db)
  await sql
    .raw(
      `create trigger session_days_case after update on accompaniments when ${caseMoved} begin ${ofCase('old', '-')}; ${ofCase('new', '')}; end`,
    )
    .execute(db)
}

/** The counts from the sessions themselves: the migration's starting point, and a test's yardstick. */
export async function rebuildSessionDays(db: Kysely<any>): Promise<void> {
  await sql`delete from session_days`.execute(db)
  await sql`insert into session_days (team_id, day, status, sessions)
    select a.team_id, substr(s.starts_at, 1, 10), s.status, count(*)
    from case_sessions s join accompaniments a on a.id = s.accompaniment_id
    where a.restricted = 0
    group by a.team_id, substr(s.starts_at, 1, 10), s.status`.execute(db)
}
