import { sql } from 'kysely'
import { readersOf } from '../server/modules/audit/access-review.queries'
import { rng } from '../server/seed/synthetic'
import { openDataset } from './caseload.bench'
import { percentiles, round } from './load'

/** Entries in the synthetic log; measured at a quarter of it and at all of it, to see how the answer scales. */
const ENTRIES = Number(process.env.BENCH_DPO_ENTRIES ?? 1_000_000)
/** Persons of the service: fixed, so that each person's entries grow with the log, as in a service that runs for years. */
const PERSONS = Number(process.env.BENCH_DPO_PERSONS ?? 50_000)
/** Accounts of the service. Each entry's account is a hash of its number, so that a person's entries come from many accounts. */
const ACTORS = 400
const QUERIES = Number(process.env.BENCH_DPO_QUERIES ?? 300)
const CHUNK = 250_000
/** A directory to keep the log in between runs (before/after a change, cold after a restart): then measured at full size only. */
const KEEP_DIR = process.env.BENCH_DPO_ACCESS_DIR
/**
 * A tablespace for the two audit tables (e.g. on a compressed volume when the disk is smaller than
 * the log; docs/access-review.md says how the 50 million run was made).
 */
const TABLESPACE = process.env.BENCH_DPO_TABLESPACE
/**
 * Load as a restore does: the person-keyed indexes of `audit_persons` dropped while the rows go in
 * and built after each size. Inserting persons in random order into an index larger than memory
 * reads a page per row once it stops fitting (137 million rows at 50 million entries: hours by that
 * count, not measured); the index built at once is packed, as migration 0074, a restore or
 * `REINDEX` leave it; one built row by row has emptier pages (docs/access-review.md gives both).
 */
const BULK = process.env.BENCH_DPO_BULK === '1'
const log = (m: string) => process.stderr.write(`${m}\n`)

/**
 * "Who read this person" (issue 13's target: p95 ≤ 100 ms over 50 million entries on PostgreSQL),
 * through the route's own query (`readersOf`), over a synthetic log spread over one year: three
 * entries in four read one person, the fourth is a list page showing eight. Entries are inserted
 * by SQL without their chain hashes (what is measured is the look-up, not the chain), then the
 * tables are vacuumed as autovacuum would, so that index-only scans can skip the heap.
 */
export async function benchDpoAccess(kind: 'sqlite' | 'postgres', pgUrl: string) {
  if (kind !== 'postgres') return { skipped: 'PostgreSQL only' }
  const ds = await openDataset<{ masterKey: string; entries: number; indexRows?: number }>(kind, pgUrl, KEEP_DIR, 'dpo-access')
  const db = ds.services.db
  const pid = (i: string) => sql.raw(`md5('p' || ((${i}) % ${PERSONS}))::uuid::text`)
  const year = 365 * 86_400
  try {
    const sizes: Record<string, unknown>[] = []
    const kept = ds.stored?.entries === ENTRIES
    if (ds.stored && !kept) throw new Error(`the kept log holds ${ds.stored.entries} entries, not ${ENTRIES}`)
    let seeded = kept ? ENTRIES : 0
    const seedStart = performance.now()
    if (!kept && TABLESPACE) await moveAuditTables(db, TABLESPACE)
    const personIndexes = BULK && !kept ? await dropPersonIndexes(db) : []
    for (const target of kept ? [ENTRIES] : [Math.round(ENTRIES / 4), ENTRIES]) {
      if (seeded < target && personIndexes.length) await dropPersonIndexes(db)
      while (seeded < target) {
        const lo = seeded + 1
        const hi = Math.min(seeded + CHUNK, target)
        await sql`
          insert into audit_log (seq, at, actor_id, actor_role, action, subject_type, subject_id, person_id, purpose,
                                 outcome, request_id, client_ip, details, persons, prev_hash, hash)
          select g,
                 to_char(timestamp '2025-01-01' + make_interval(secs => (g::float8 * ${year} / ${ENTRIES})), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 md5('a' || ((hashint8(g)::bigint & 2147483647) % ${ACTORS}))::uuid::text, 'worker',
                 case when g % 4 = 0 then 'accompaniment.listed' else 'person.viewed' end,
                 case when g % 4 = 0 then null else 'person' end,
                 case when g % 4 = 0 then null else ${pid('g * 48271')} end,
                 case when g % 4 = 0 then null else ${pid('g * 48271')} end,
                 null, 'success', md5('r' || g)::uuid::text, '127.0.0.1', null,
                 case when g % 4 = 0 then (select string_agg(${pid('g * 31 + k * 7919')}, ',') from generate_series(0, 7) k)
                      else ${pid('g * 48271')} end,
                 md5('h' || (g - 1)) || md5('x' || (g - 1)), md5('h' || g) || md5('x' || g)
          from generate_series(${lo}::bigint, ${hi}::bigint) g`.execute(db)
        await sql`
          insert into audit_persons (person_id, seq, at, actor_id, action, outcome)
          select unnest(string_to_array(persons, ',')), seq, at, actor_id, action, outcome
          from audit_log where seq between ${lo} and ${hi}`.execute(db)
        seeded = hi
        log(`[dpo-access] ${hi} entries, ${round((performance.now() - seedStart) / 1000, 1)} s`)
      }
      if (!kept) {
        if (personIndexes.length) await buildIndexes(db, personIndexes, TABLESPACE)
        await sql`vacuum analyze audit_log`.execute(db)
        await sql`vacuum analyze audit_persons`.execute(db)
        log(
          `[dpo-access] ${target} entries ready, ${round((performance.now() - seedStart) / 1000, 1)} s; ${JSON.stringify(await sizesOf(db))}`,
        )
      } else log(`[dpo-access] reusing the log in ${KEEP_DIR}`)
      // Counted once and kept: on a kept log the count would read a whole index before a cold run.
      const indexRows =
        kept && ds.stored?.indexRows
          ? ds.stored.indexRows
          : Number((await sql<{ n: string }>`select count(*) as n from audit_persons`.execute(db)).rows[0]!.n)
      if (!kept && target === ENTRIES) ds.save({ masterKey: ds.masterKey, entries: ENTRIES, indexRows })
      const r = rng(13)
      const person = () => `${Math.floor(r() * PERSONS)}`
      const ids = new Map<string, string>()
      const idOf = async (n: string) => {
        if (!ids.has(n)) ids.set(n, (await sql<{ id: string }>`select md5(${`p${n}`})::uuid::text as id`.execute(db)).rows[0]!.id)
        return ids.get(n)!
      }
      const measure = async (days: number) => {
        const times: number[] = []
        const server: number[] = []
        let readers = 0
        for (let i = 0; i < QUERIES; i++) {
          const id = await idOf(person())
          const start = new Date(Date.UTC(2025, 0, 1) + Math.floor(r() * (365 - days + 1)) * 86_400_000)
          const end = new Date(start.getTime() + (days - 1) * 86_400_000)
          const period = { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) }
          const t0 = performance.now()
          const found = await db.transaction().execute((trx) => readersOf(trx, [id], period))
          times.push(performance.now() - t0)
          readers += found.length
          // The database's own time for the same look-up, apart from this busy machine's scheduling.
          if (i % 5 === 0) {
            const explained = await sql<{ 'QUERY PLAN': { 'Execution Time': number }[] }>`
              explain (analyze, format json) select actor_id, count(distinct seq), min(at), max(at) from audit_persons
              where person_id = ${id} and at >= ${period.from} and at < ${`${period.to}T23:59:59.999Z`}
                and action in ('person.viewed', 'accompaniment.listed') and outcome = 'success' and actor_id is not null
              group by actor_id`.execute(db)
            server.push(explained.rows[0]!['QUERY PLAN'][0]!['Execution Time'])
          }
        }
        return {
          queries: QUERIES,
          meanReaders: round(readers / QUERIES, 1),
          ...percentiles(times),
          databaseP95ms: percentiles(server).p95ms,
        }
      }
      const plan = await sql<{ 'QUERY PLAN': string }>`
        explain select actor_id, count(distinct seq) from audit_persons
        where person_id = ${await idOf('1')} and at >= '2025-03-01' and at < '2025-04-01'
          and action in ('person.viewed', 'accompaniment.listed') and outcome = 'success' and actor_id is not null
        group by actor_id`.execute(db)
      const planText = plan.rows.map((x) => x['QUERY PLAN']).join('\n')
      sizes.push({
        entries: target,
        relations: await sizesOf(db),
        personIndexRows: indexRows,
        entriesPerPerson: round(indexRows / PERSONS, 1),
        oneMonth: await measure(30),
        wholeYear: await measure(365),
        indexOnly: /Index Only Scan using audit_person_reads/.test(planText),
      })
      log(`[dpo-access] measured at ${target}: ${JSON.stringify(sizes.at(-1))}`)
    }
    const [small, large = small] = sizes as { entries: number; entriesPerPerson: number; wholeYear: { p95ms: number } }[]
    return {
      persons: PERSONS,
      // A kept log was seeded by an earlier run.
      seedSeconds: kept ? null : round((performance.now() - seedStart) / 1000, 1),
      sizes,
      // How the year-long question grows when the log (and each person's share of it) grows 4×.
      p95Growth: sizes.length > 1 ? round(large!.wholeYear.p95ms / Math.max(0.01, small!.wholeYear.p95ms), 2) : null,
      tablespace: TABLESPACE ?? null,
      bulkLoaded: BULK,
      target: 'p95 <= 100 ms at 50,000,000 entries (issue 13)',
    }
  } finally {
    await ds.close()
  }
}

type Db = Awaited<ReturnType<typeof openDataset>>['services']['db']

/** The audit tables and their indexes, moved while still empty. */
async function moveAuditTables(db: Db, tablespace: string) {
  for (const table of ['audit_log', 'audit_persons']) {
    await sql`alter table ${sql.id(table)} set tablespace ${sql.id(tablespace)}`.execute(db)
    const { rows } = await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = ${table}`.execute(db)
    for (const { name } of rows) await sql`alter index ${sql.id(name)} set tablespace ${sql.id(tablespace)}`.execute(db)
  }
}

/** Drops the indexes of `audit_persons` (the primary key too) and returns how to build them again. */
async function dropPersonIndexes(db: Db): Promise<{ name: string; make: string; constraint: boolean }[]> {
  const { rows } = await sql<{ name: string; make: string; constraint: boolean }>`
    select i.indexname as name, i.indexdef as make, exists (select 1 from pg_constraint c where c.conname = i.indexname) as "constraint"
    from pg_indexes i where i.tablename = 'audit_persons'`.execute(db)
  for (const r of rows)
    await (r.constraint ? sql`alter table audit_persons drop constraint ${sql.id(r.name)}` : sql`drop index ${sql.id(r.name)}`).execute(db)
  return rows
}

async function buildIndexes(db: Db, indexes: { name: string; make: string; constraint: boolean }[], tablespace?: string) {
  for (const r of indexes) {
    const started = performance.now()
    await db.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '1GB'`.execute(trx)
      if (tablespace) await sql`set local default_tablespace = ${sql.lit(tablespace)}`.execute(trx)
      await sql.raw(r.make).execute(trx)
      // The primary key is the unique index made again, then named the table's key.
      if (r.constraint)
        await sql`alter table audit_persons add constraint ${sql.id(r.name)} primary key using index ${sql.id(r.name)}`.execute(trx)
    })
    log(`[dpo-access] built ${r.name} in ${round((performance.now() - started) / 1000, 1)} s`)
  }
}

/** Bytes of the audit tables and their indexes, as stored (before any compression of the volume). */
async function sizesOf(db: Db) {
  const { rows } = await sql<{ name: string; bytes: string }>`
    select c.relname as name, pg_relation_size(c.oid) as bytes from pg_class c
    where c.relname in (select 'audit_log' union all select 'audit_persons'
                        union all select indexname from pg_indexes where tablename in ('audit_log', 'audit_persons'))`.execute(db)
  return Object.fromEntries(rows.map((r) => [r.name, `${round(Number(r.bytes) / 1e9, 2)} GB`]))
}
