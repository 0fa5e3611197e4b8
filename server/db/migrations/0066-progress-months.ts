import { type Kysely, sql } from 'kysely'
import type { DbKind } from '../database'
import { factMeasures, MEASURES } from '../../modules/progress/progress-measures'

/**
 * Issue 14: the progress indicators over a team's 20,000 cases read about 200,000 facts per
 * request (440 ms on SQLite, most of it sorting them by kind, domain and rater). The cases a
 * period counts are those opened before its end, less those closed before its start (a case
 * closes after it opens), so the facts are summed ahead of time on both sides:
 * `progress_fact_months` holds, per team, month (UTC, `YYYY-MM`) and fact key, the sums of the
 * facts of the counted cases (not restricted) opened that month (`side = 'opened'`) and of the
 * closed ones closed that month (`side = 'closed'`). A request adds the months before its end's
 * month, takes away the months before its start's month, and reads the facts of the cases of
 * those two months themselves (indicators-progress.queries.ts).
 *
 * Triggers keep it in step with every writer, as 0063 does for the partner search: a fact
 * written, rewritten or deleted, and a case whose team, restriction, opening or closing changes
 * (its facts move from one month or team to another, or leave the count). A sum is a measure
 * per fact, so a change is the old fact's measures taken away and the new one's added.
 */
const KEY = ['team_id', 'side', 'month', 'kind', 'domain', 'rater']
const onConflict = `on conflict (${KEY.join(', ')}) do update set ${MEASURES.map(
  (m) => `${m} = progress_fact_months.${m} + excluded.${m}`,
).join(', ')}`

/**
 * The month a case counts on each side. A closed case has its closing instant (the lifecycle sets
 * it, 0064 filled it); one without it would count as never closed here, rather than fail the write.
 */
const openedMonth = (a: string) => `substr(${a}.created_at, 1, 7)`
const closedMonth = (a: string) => `substr(${a}.closed_at, 1, 7)`

/**
 * The upserts that add (or take away) fact `f` of case `a`: `a` and `f` are row names in scope
 * (a trigger's new/old, or a joined table), `from` the clause that brings them and `join` what
 * ties that row to the other.
 */
function apply(a: string, f: string, sign: '' | '-', from = '', join = ''): string[] {
  const columns = `(${[...KEY, ...MEASURES].join(', ')})`
  const values = (side: string, month: string) =>
    `select ${a}.team_id, '${side}', ${month}, ${f}.kind, ${f}.domain, ${f}.rater, ${factMeasures(f, sign).join(', ')}`
  // SQLite reads `on conflict` after a select as a join's constraint unless a where clause comes first.
  return [
    `insert into progress_fact_months ${columns} ${values('opened', openedMonth(a))} ${from} where ${join}${a}.restricted = 0 ${onConflict}`,
    `insert into progress_fact_months ${columns} ${values('closed', closedMonth(a))} ${from} where ${join}${a}.restricted = 0 and ${a}.status = 'closed' and ${a}.closed_at is not null ${onConflict}`,
  ]
}

/** What a case's change must have touched for its facts to move. */
const caseMoved = `old.team_id <> new.team_id or old.restricted <> new.restricted or old.created_at <> new.created_at
  or (old.status = 'closed') <> (new.status = 'closed') or coalesce(old.closed_at, '') <> coalesce(new.closed_at, '')`

export async function up(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  await db.schema
    .createTable('progress_fact_months')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('rater', 'text', (c) => c.notNull())
    .$call((t) => MEASURES.reduce((acc, m) => acc.addColumn(m, 'integer', (c) => c.notNull()), t))
    .addPrimaryKeyConstraint('progress_fact_months_pk', KEY as never)
    .execute()
  await rebuildProgressMonths(db)
  // The closed cases of the start's month: without it, SQLite took the team's cases by status and
  // read each closed case's row for its closing instant (15,000 rows, 100 ms at 20,000 cases).
  await db.schema
    .createIndex('accompaniments_team_closed')
    .on('accompaniments')
    .columns(['team_id', 'restricted', 'status', 'closed_at'])
    .execute()

  if (kind === 'postgres') {
    // Two transactions saving facts of two cases of one team meet on the same rows here, each
    // taking them in its own order: a deadlock, one of them aborted. Every writer of a team's
    // sums (these and session_days, 0067) first takes one transaction lock per team, so they
    // queue instead; a case moving between teams takes both, the smaller id first.
    await sql
      .raw(
        `create function parcours_lock_team_sums(team text) returns void language sql as $$
        select pg_advisory_xact_lock(hashtext('parcours.team_sums'), hashtext(team)) $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create function parcours_lock_team_sums(one text, other text) returns void language sql as $$
        select parcours_lock_team_sums(least(one, other)); select parcours_lock_team_sums(greatest(one, other)) $$`,
      )
      .execute(db)
    const fact = (a: string, f: string, sign: '' | '-') =>
      apply(a, f, sign)
        .map((s) => `${s};`)
        .join('\n')
    await sql
      .raw(
        `create function progress_fact_months_fact() returns trigger language plpgsql as $$
        declare a accompaniments%rowtype;
        begin
          if tg_op <> 'INSERT' then
            select * into a from accompaniments where id = old.accompaniment_id;
            if found then perform parcours_lock_team_sums(a.team_id); ${fact('a', 'old', '-')} end if;
          end if;
          if tg_op <> 'DELETE' then
            select * into a from accompaniments where id = new.accompaniment_id;
            if found then perform parcours_lock_team_sums(a.team_id); ${fact('a', 'new', '')} end if;
          end if;
          return null;
        end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create function progress_fact_months_case() returns trigger language plpgsql as $$
        declare f case_progress_facts%rowtype;
        begin
          perform parcours_lock_team_sums(old.team_id, new.team_id);
          for f in select * from case_progress_facts where accompaniment_id = new.id loop
            ${fact('old', 'f', '-')}
            ${fact('new', 'f', '')}
          end loop;
          return null;
        end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger progress_fact_months_fact after insert or update or delete on case_progress_facts
        for each row execute function progress_fact_months_fact()`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger progress_fact_months_case after update on accompaniments
        for each row when (${caseMoved.replaceAll('<>', 'is distinct from')}) execute function progress_fact_months_case()`,
      )
      .execute(db)
    return
  }
  const body = (statements: string[]) => `begin\n${statements.map((s) => `  ${s};`).join('\n')}\nend`
  // A fact's trigger reads its case; a case's reads its facts.
  const factSide = (f: 'old' | 'new', sign: '' | '-') => apply('a', f, sign, 'from accompaniments a', `a.id = ${f}.accompaniment_id and `)
  await sql.raw(`create trigger progress_fact_months_insert after insert on case_progress_facts ${body(factSide('new', ''))}`).execute(db)
  await sql.raw(`create trigger progress_fact_months_delete after delete on case_progress_facts ${body(factSide('old', '-'))}`).execute(db)
  await sql
    .raw(
      `create trigger progress_fact_months_update after update on case_progress_facts ${body([...factSide('old', '-'), ...factSide('new', '')])}`,
    )
    .execute(db)
  // The case's facts, each taken from where the old case counted it and added where the new one does.
  const caseSide = (a: 'old' | 'new', sign: '' | '-') =>
    apply(a, 'f', sign, 'from case_progress_facts f', 'f.accompaniment_id = new.id and ')
  await sql
    .raw(
      `create trigger progress_fact_months_case after update on accompaniments when ${caseMoved} ${body([...caseSide('old', '-'), ...caseSide('new', '')])}`,
    )
    .execute(db)
}

/**
 * The sums from the facts themselves: the migration's starting point, and what a test compares the
 * table kept by the triggers with.
 */
export async function rebuildProgressMonths(db: Kysely<any>): Promise<void> {
  await sql`delete from progress_fact_months`.execute(db)
  const sums = factMeasures('f', '').map((e, i) => `sum(${e}) as ${MEASURES[i]}`)
  for (const [side, month, where] of [
    ['opened', openedMonth('a'), ''],
    ['closed', closedMonth('a'), `and a.status = 'closed' and a.closed_at is not null`],
  ] as const)
    await sql
      .raw(
        `insert into progress_fact_months (${[...KEY, ...MEASURES].join(', ')})
        select a.team_id, '${side}', ${month}, f.kind, f.domain, f.rater, ${sums.join(', ')}
        from case_progress_facts f join accompaniments a on a.id = f.accompaniment_id
        where a.restricted = 0 ${where}
        group by a.team_id, ${month}, f.kind, f.domain, f.rater`,
      )
      .execute(db)
}
