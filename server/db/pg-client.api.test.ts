import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../config'
import { json, PG_ADMIN_URL, startTestApp } from '../test/harness'
import { createDatabase, dropDatabase } from '../test/pg-drop'
import { PREPARED_PER_CONNECTION, PreparingClient } from './pg-client'

/**
 * The PostgreSQL connection that prepares parameterised statements (server/db/pg-client.ts), on a
 * real server, whichever engine this run of the API suite uses for the app: what it prepares, what
 * it leaves alone, that it frees what it evicts, and that a statement made stale by a change of its
 * table fails once and then works again.
 */
let url = ''
let name = ''
beforeAll(async () => {
  ;({ name, url } = await createDatabase(PG_ADMIN_URL, 'parcours_t'))
})
afterAll(() => dropDatabase(PG_ADMIN_URL, name))

async function connect() {
  const client = new PreparingClient({ connectionString: url })
  await client.connect()
  return client
}

/** The statements prepared on this connection, as the server lists them. */
async function prepared(client: pg.Client): Promise<{ name: string; statement: string }[]> {
  // Without parameters, so that this look-up is not itself prepared.
  const { rows } = await client.query<{ name: string; statement: string }>(
    'select name, statement from pg_prepared_statements order by name',
  )
  return rows
}

it('prepares a statement with parameters once per connection and runs it again by name', async () => {
  const client = await connect()
  try {
    const text = 'select $1::int + 1 as n'
    for (let i = 0; i < 3; i++) expect((await client.query<{ n: number }>(text, [i])).rows[0]?.n).toBe(i + 1)
    const list = await prepared(client)
    expect(list.map((p) => p.statement)).toEqual([text])
    expect(client.preparedCount).toBe(1)
  } finally {
    await client.end()
  }
})

it('leaves statements without parameters to the simple protocol, several in one text included', async () => {
  const client = await connect()
  try {
    await client.query('create temporary table t_simple (x int); insert into t_simple values (1); insert into t_simple values (2)')
    expect((await client.query<{ c: string }>('select count(*)::int as c from t_simple')).rows[0]?.c).toBe(2)
    expect(await prepared(client)).toEqual([])
  } finally {
    await client.end()
  }
})

it(`keeps at most ${PREPARED_PER_CONNECTION} statements, freeing the least recently used on the server`, async () => {
  const client = await connect()
  try {
    const texts = Array.from({ length: PREPARED_PER_CONNECTION + 5 }, (_, i) => `select $1::int + ${i} as n`)
    // The first is used again late, so it is not among the least recently used.
    for (const [i, text] of texts.entries()) {
      await client.query(text, [1])
      if (i === PREPARED_PER_CONNECTION - 1) await client.query(texts[0] as string, [1])
    }
    const list = await prepared(client)
    expect(list.length).toBe(PREPARED_PER_CONNECTION)
    const statements = new Set(list.map((p) => p.statement))
    expect(statements.has(texts[0] as string)).toBe(true)
    for (const evicted of texts.slice(1, 6)) expect(statements.has(evicted)).toBe(false)
    // An evicted statement still runs: it is prepared again under a new name.
    expect((await client.query<{ n: number }>(texts[1] as string, [1])).rows[0]?.n).toBe(2)
    expect(new Set((await prepared(client)).map((p) => p.statement)).has(texts[1] as string)).toBe(true)
  } finally {
    await client.end()
  }
})

it('fails once when a table changed under a prepared `select *`, then prepares it again', async () => {
  const client = await connect()
  const other = new pg.Client({ connectionString: url })
  await other.connect()
  try {
    await other.query('create table t_stale (id int primary key, a text)')
    await other.query("insert into t_stale values (1, 'one')")
    const text = 'select * from t_stale where id = $1'
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, a: 'one' }])
    await other.query("alter table t_stale add column b text default 'two'")
    // In a transaction, as an audited read is: the transaction is lost, the connection is not.
    await client.query('begin')
    await expect(client.query(text, [1])).rejects.toMatchObject({ code: '0A000' })
    await client.query('rollback')
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, a: 'one', b: 'two' }])
    // The stale one was freed on the server: only the new one is left.
    const list = await prepared(client)
    expect(list.filter((p) => p.statement === text).length).toBe(1)
  } finally {
    await other.end()
    await client.end()
  }
})

it('runs the next statement after one that could not be prepared', async () => {
  const client = await connect()
  try {
    await expect(client.query('select $1::int from no_such_table', [1])).rejects.toMatchObject({ code: '42P01' })
    expect((await client.query<{ n: number }>('select $1::int as n', [7])).rows[0]?.n).toBe(7)
    // Once the table exists, the same text runs.
    await client.query('create temporary table no_such_table (x int)')
    expect((await client.query('select $1::int from no_such_table', [1])).rows).toEqual([])
  } finally {
    await client.end()
  }
})

it('never aborts the transaction it evicts a statement in, even one the server never prepared', async () => {
  const client = await connect()
  try {
    // Its preparation fails: the server holds no statement by that name.
    await expect(client.query('select $1::int from never_there', [1])).rejects.toMatchObject({ code: '42P01' })
    await client.query('create temporary table t_evict (x int)')
    await client.query('begin')
    // Enough new statements to evict every older one, inside the transaction.
    for (let i = 0; i < PREPARED_PER_CONNECTION + 2; i++) await client.query(`select $1::int + ${i} as n`, [1])
    await client.query('insert into t_evict values ($1)', [1])
    await client.query('commit')
    expect((await client.query<{ c: number }>('select count(*)::int as c from t_evict')).rows[0]?.c).toBe(1)
  } finally {
    await client.end()
  }
})

it('reads PARCOURS_PG_PREPARED_STATEMENTS, on unless said otherwise', () => {
  const base = { NODE_ENV: 'test', DATABASE_URL: url, PARCOURS_DATA_DIR: '/tmp/x' }
  expect(loadConfig(base).database).toMatchObject({ kind: 'postgres', preparedStatements: true })
  expect(loadConfig({ ...base, PARCOURS_PG_PREPARED_STATEMENTS: 'false' }).database).toMatchObject({ preparedStatements: false })
  expect(() => loadConfig({ ...base, PARCOURS_PG_PREPARED_STATEMENTS: 'maybe' })).toThrow(/PARCOURS_PG_PREPARED_STATEMENTS/)
})

it('serves an audited read with prepared statements turned off', async () => {
  const t = await startTestApp({ env: { PARCOURS_PG_PREPARED_STATEMENTS: 'false' } })
  try {
    const worker = await t.as(['worker'], { teamIds: [await t.team()] })
    const created = await worker.post('/api/persons', { firstName: 'Léa', lastName: 'Dubois' })
    expect(created.statusCode, created.body).toBe(201)
    const read = await worker.get(`/api/persons/${json(created).id}`)
    expect(read.statusCode, read.body).toBe(200)
    expect(json(read).lastName).toBe('Dubois')
  } finally {
    await t.close()
  }
})
