import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { loadConfig } from './config'
import { BUILT_IN_INSTRUMENTS } from './modules/instruments/builtin/index'
import { DEMO_USERS } from './seed/demo.data'
import { createServices } from './services'
import { DB_KIND, PG_ADMIN_URL } from './test/harness'
import { dropDatabase } from './test/pg-drop'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

/** A new, empty database of the engine under test, as three replicas would find it. */
async function freshDatabase(): Promise<{ url: string; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-race-'))
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }))
  if (DB_KIND === 'sqlite') return { url: `sqlite:${path.join(dataDir, 'race.sqlite')}`, dataDir }
  const name = `parcours_race_${crypto.randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  cleanups.push(() => dropDatabase(PG_ADMIN_URL, name))
  const url = new URL(PG_ADMIN_URL)
  url.pathname = `/${name}`
  return { url: url.toString(), dataDir }
}

it('three instances starting at once on a new database all start, and nothing is written twice', async () => {
  const { url, dataDir } = await freshDatabase()
  const config = loadConfig({
    NODE_ENV: 'test',
    PARCOURS_DATA_DIR: dataDir,
    PARCOURS_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    PARCOURS_DEMO: 'true',
    DATABASE_URL: url,
  })
  const started = await Promise.allSettled([0, 1, 2].map(() => createServices(config, { seedDemo: true })))
  for (const s of started) if (s.status === 'fulfilled') cleanups.push(s.value.close)
  const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []))
  expect(failures).toEqual([])

  const [first] = started.filter((s) => s.status === 'fulfilled').map((s) => s.value)
  const db = first!.services.db
  const count = async (table: 'instruments' | 'instrument_versions' | 'users' | 'teams' | 'persons') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  expect(await count('instruments')).toBe(BUILT_IN_INSTRUMENTS.length)
  expect(await count('instrument_versions')).toBe(BUILT_IN_INSTRUMENTS.length)
  expect(await count('users')).toBe(DEMO_USERS.length)
  // Exactly one instance seeded: the demo teams and persons are there once.
  expect(started.filter((s) => s.status === 'fulfilled' && s.value.seeded).length).toBe(1)
  const teams = await db.selectFrom('teams').select('name').execute()
  expect(new Set(teams.map((t) => t.name)).size).toBe(teams.length)
  // The name index version is recorded once, whoever wrote it.
  const state = await db.selectFrom('system_state').select('key').where('key', '=', 'name_index_version').execute()
  expect(state.length).toBe(1)
})
