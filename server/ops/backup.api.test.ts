import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../app'
import { sql } from 'kysely'
import { seedDemo } from '../seed/demo.seed'
import { DEMO_PERSONS } from '../seed/demo.data'
import { createServices } from '../services'
import { runCliWith } from '../test/cli-process'
import { Agent, DB_KIND, json, startTestApp, type TestApp } from '../test/harness'

/**
 * The restore drill (docs/backup.md): seed, back up through the command line while the app runs,
 * wipe, restore, then `audit verify` passes and every row of every table is back as it was; the
 * backup holds no name, phone or key; the indicators' sums and their triggers come back with it.
 */

let t: TestApp
let backupDir: string
let worker: { email: string; password: string }
let caseId: string
let personId: string
let docId: string
const docBytes = Buffer.from('Notes de l’entretien avec Backupia Zelnik\n'.repeat(3000))

const env = (): Record<string, string> => ({
  DATABASE_URL: t.databaseUrl,
  PARCOURS_DATA_DIR: t.dataDir,
  PARCOURS_MASTER_KEY: (t.config.masterKey as { base64: string }).base64,
})

/** Every row of every table, in a stable order: what "identical" means. */
async function everyRow(db: TestApp['services']['db']): Promise<Record<string, unknown[]>> {
  const tables =
    DB_KIND === 'postgres'
      ? (
          await sql<{
            name: string
          }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
            db,
          )
        ).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows
  const out: Record<string, unknown[]> = {}
  for (const { name } of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows
    out[name] = rows.map((r) => JSON.stringify(r)).sort()
  }
  return out
}

async function readBack(agent: Agent) {
  return {
    person: json(await agent.get(`/api/persons/${personId}`)),
    acc: json(await agent.get(`/api/accompaniments/${caseId}`)),
    doc: (await agent.get(`/api/accompaniments/${caseId}/documents/${docId}`)).rawPayload,
  }
}

beforeAll(async () => {
  t = await startTestApp()
  backupDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-backup-')), 'backup')
  await seedDemo(t.services)
  const team = await t.team()
  const w = await t.user(['worker'], { teamIds: [team] })
  worker = { email: w.email, password: w.password }
  const agent = new Agent(t.app)
  expect((await agent.post('/api/auth/login', worker)).statusCode).toBe(200)
  personId = json(await agent.post('/api/persons', { firstName: 'Backupia', lastName: 'Zelnik', phone: '0470 98 76 54' })).id
  caseId = json(
    await agent.post('/api/accompaniments', { kind: 'concerned', personId, teamId: team, summary: 'Zelnik, suivi volontaire' }),
  ).id
  const up = await agent.post(`/api/accompaniments/${caseId}/documents`, docBytes, {
    'content-type': 'text/plain',
    'x-filename': 'zelnik.txt',
  })
  expect(up.statusCode, up.body).toBe(201)
  docId = json(up).id
}, 240_000)
afterAll(async () => {
  await t.close()
  fs.rmSync(path.dirname(backupDir), { recursive: true, force: true })
})

it('backs up, refuses to overwrite, restores after a wipe: audit verify passes and every row reads back identical', async () => {
  const agent = new Agent(t.app)
  expect((await agent.post('/api/auth/login', worker)).statusCode).toBe(200)
  const before = await readBack(agent)
  expect(before.doc.equals(docBytes)).toBe(true)
  const rows = await everyRow(t.services.db)

  const made = await runCliWith(['backup', '--to', backupDir], env())
  expect(made.status, made.stderr).toBe(0)
  expect(fs.existsSync(path.join(backupDir, 'manifest.json'))).toBe(true)
  expect(fs.existsSync(path.join(backupDir, DB_KIND === 'postgres' ? 'database.pgdump' : 'database.sqlite'))).toBe(true)

  // No name, phone, note or key in any file of the backup.
  const key = env().PARCOURS_MASTER_KEY as string
  // Demo persons by full name and phone (a partner's staff member may share a last name: the
  // directory of professionals is not personal data of the people followed).
  const secrets = [
    'Backupia',
    'Zelnik',
    '0470 98 76 54',
    key,
    ...DEMO_PERSONS.flatMap((p) => [`${p.firstName} ${p.lastName}`, ...(p.phone ? [p.phone] : [])]),
  ]
  const files = (fs.readdirSync(backupDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(backupDir, f)).isFile())
  expect(files.length).toBeGreaterThan(1)
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(backupDir, f))
    for (const s of secrets) expect(bytes.includes(Buffer.from(s)), `${s} in ${f}`).toBe(false)
  }

  // The database still holds data: refused without --force.
  const refused = await runCliWith(['restore', '--from', backupDir], env())
  expect(refused.status).toBe(1)
  expect(refused.stderr).toContain('not empty')

  // Wipe: the database and the documents folder gone.
  await t.app.close()
  if (DB_KIND === 'postgres') {
    const client = new pg.Client({ connectionString: t.databaseUrl })
    await client.connect()
    await client.query('drop schema public cascade; create schema public')
    await client.end()
  } else {
    // The harness's connection is left open on the removed file, as a stopped app's would be gone.
    const file = (t.config.database as { file: string }).file
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  }
  fs.rmSync(path.join(t.dataDir, 'documents'), { recursive: true, force: true })

  // A damaged backup is refused before anything is written.
  const manifest = path.join(backupDir, 'manifest.json')
  const good = fs.readFileSync(manifest, 'utf8')
  const entries = JSON.parse(good) as { files: Record<string, string> }
  const first = Object.keys(entries.files)[0] as string
  fs.writeFileSync(manifest, JSON.stringify({ ...entries, files: { ...entries.files, [first]: '0'.repeat(64) } }))
  const damaged = await runCliWith(['restore', '--from', backupDir], env())
  expect(damaged.status).toBe(1)
  expect(damaged.stderr).toContain('does not match its hash')
  fs.writeFileSync(manifest, good)

  const restored = await runCliWith(['restore', '--from', backupDir], env())
  expect(restored.status, restored.stderr).toBe(0)

  // Every row as it was, before anything starts on the restored database.
  const { services, close } = await createServices(t.config)
  try {
    const after = await everyRow(services.db)
    // Start-up itself may note its own state; every other table is compared whole.
    for (const name of Object.keys(rows)) if (name !== 'system_state') expect(after[name], name).toEqual(rows[name])
    const verified = await runCliWith(['audit', 'verify'], env())
    expect(verified.status, verified.stderr).toBe(0)
    expect(verified.stdout).toContain('audit chain intact')

    const app = await buildApp(services)
    await app.ready()
    const reader = new Agent(app)
    expect((await reader.post('/api/auth/login', worker)).statusCode).toBe(200)
    const again = await readBack(reader)
    expect(again.person).toEqual(before.person)
    expect(again.acc).toEqual(before.acc)
    expect(again.doc.equals(docBytes)).toBe(true)

    // The indicators' sums (ADR 0013) came back with their triggers: they equal their facts, and
    // writes after the restore still reach them.
    const sums = async () => ({
      sessions: Number(
        (
          await services.db
            .selectFrom('session_days')
            .select((eb) => eb.fn.sum<number>('sessions').as('n'))
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      ),
      facts: Number(
        (
          await services.db
            .selectFrom('progress_fact_months')
            .where('side', '=', 'opened')
            .select((eb) => eb.fn.sum<number>('facts').as('n'))
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      ),
    })
    const restoredSums = await sums()
    expect(restoredSums.facts, 'the demo cases’ progress facts').toBeGreaterThan(0)
    const session = await reader.post(`/api/accompaniments/${caseId}/sessions`, {
      startsAt: '2026-03-10T09:00:00.000Z',
      modality: 'office',
    })
    expect(session.statusCode, session.body).toBe(201)
    const review = await reader.post(`/api/accompaniments/${caseId}/assessments`, {
      instrument: 'progress-review',
      takenOn: '2026-03-10',
      answers: { housing: { worker: 4 } },
    })
    expect(review.statusCode, review.body).toBe(201)
    expect(await sums()).toEqual({ sessions: restoredSums.sessions + 1, facts: restoredSums.facts + 1 })
    const checked = await runCliWith(['indicators', 'check'], env())
    expect(checked.status, checked.stdout).toBe(0)
    expect(checked.stdout).toMatch(/progress_fact_months: [1-9]\d* rows, 0 differing/)
    await app.close()
  } finally {
    await close()
  }
}, 300_000)
