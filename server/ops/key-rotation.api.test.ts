import crypto from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../app'
import type { Config } from '../config'
import type { Services } from '../http/context'
import { masterKeyId } from '../security/master-key'
import { codeFor, newMfaSecret } from '../security/mfa'
import { seedPersons } from '../seed/persons.seed'
import { createServices } from '../services'
import { runCliWith, startCli } from '../test/cli-process'
import { Agent, json, startTestApp, TEST_PASSWORD, type TestApp } from '../test/harness'

/**
 * Master-key rotation as an operator runs it (docs/key-rotation.md): instances restarted with the
 * new key and the old one as previous, `keys rotate` run beside them under reads and writes,
 * killed with SIGKILL half-way, run again to the end, `keys verify` passing; then an instance given
 * the new key alone reads back every record as it was, and a TOTP sign-in still works.
 */

let t: TestApp
let oldKey: string
const newKey = crypto.randomBytes(32).toString('base64')
let worker: { email: string; password: string }
let caseId: string
let personId: string
let docId: string
const docBytes = Buffer.from('Compte rendu confidentiel\n'.repeat(4000))
const mfaSecret = newMfaSecret()
let mfaUser: { email: string; password: string }
let dpoUser: { email: string; password: string }
let leadUser: { email: string; password: string }
let teamId: string
/** What the service's own texts read (sealed with a system secret, not a person's key). */
let secretsBefore: Awaited<ReturnType<typeof systemTexts>>
const SEEDED = 800

type Instance = { services: Services; app: FastifyInstance; close: () => Promise<void> }
async function instance(config: Config): Promise<Instance> {
  const { services } = await createServices(config)
  const app = await buildApp(services)
  await app.ready()
  return {
    services,
    app,
    close: async () => {
      await app.close()
      await services.db.destroy()
    },
  }
}
async function signIn(app: FastifyInstance, u: { email: string; password: string }): Promise<Agent> {
  const agent = new Agent(app)
  const res = await agent.post('/api/auth/login', u)
  expect(res.statusCode, res.body).toBe(200)
  return agent
}
const envWith = (current: string, previous?: string): Record<string, string> => ({
  DATABASE_URL: t.databaseUrl,
  PARCOURS_DATA_DIR: t.dataDir,
  PARCOURS_MASTER_KEY: current,
  ...(previous ? { PARCOURS_MASTER_KEY_PREVIOUS: previous } : {}),
})
const notUnderKey = async (key: string) =>
  Number(
    (
      await t.services.db
        .selectFrom('person_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => eb.or([eb('master_key_id', 'is', null), eb('master_key_id', '<>', masterKeyId(Buffer.from(key, 'base64')))]))
        .executeTakeFirstOrThrow()
    ).n,
  )
const underKey = async (key: string) =>
  Number(
    (
      await t.services.db
        .selectFrom('person_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('master_key_id', '=', masterKeyId(Buffer.from(key, 'base64')))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** What a worker reads of the person, their case and their document. */
async function snapshot(agent: Agent) {
  const person = json(await agent.get(`/api/persons/${personId}`))
  const acc = await agent.get(`/api/accompaniments/${caseId}`)
  const doc = await agent.get(`/api/accompaniments/${caseId}/documents/${docId}`)
  const found = json(await agent.post('/api/persons/search', { q: 'Rotavia Keyholm' }))
  return { person, acc: { status: acc.statusCode, body: json(acc) }, doc: { status: doc.statusCode, bytes: doc.rawPayload }, found }
}
let before: Awaited<ReturnType<typeof snapshot>>

/** A breach, a practice note with its comment, and a training session, as their readers see them. */
async function systemTexts(app: FastifyInstance) {
  const dpo = await signIn(app, dpoUser)
  const lead = await signIn(app, leadUser)
  const breaches = json(await dpo.get('/api/breaches')).items
  const breach = json(await dpo.get(`/api/breaches/${breaches[0].id}`))
  const notes = json(await lead.get('/api/practice-notes')).items
  const note = json(await lead.get(`/api/practice-notes/${notes[0].id}`))
  const training = json(await lead.get(`/api/training-sessions?teamId=${teamId}&year=2026`)).items
  return { breach: breach.description as string, note: { title: note.title, body: note.body, comments: note.comments }, training }
}

beforeAll(async () => {
  t = await startTestApp()
  oldKey = (t.config.masterKey as { base64: string }).base64
  const team = await t.team()
  teamId = team
  const w = await t.user(['worker'], { teamIds: [team] })
  worker = { email: w.email, password: w.password }
  const agent = await signIn(t.app, worker)
  personId = json(
    await agent.post('/api/persons', { firstName: 'Rotavia', lastName: 'Keyholm', birthYear: 1990, phone: '0470 11 22 33' }),
  ).id
  const created = await agent.post('/api/accompaniments', {
    kind: 'concerned',
    personId,
    teamId: team,
    summary: 'Suivi après signalement, propos inquiétants en ligne',
  })
  expect(created.statusCode, created.body).toBe(201)
  caseId = json(created).id
  const up = await agent.post(`/api/accompaniments/${caseId}/documents`, docBytes, {
    'content-type': 'text/plain',
    'x-filename': 'note.txt',
  })
  expect(up.statusCode, up.body).toBe(201)
  docId = json(up).id
  const m = await t.user(['worker'], { mfaSecret })
  mfaUser = { email: m.email, password: m.password }
  // One of each text sealed with a system secret: 1 breach, a note's title and body and 1 comment, a training session's three texts.
  const d = await t.user(['dpo'])
  dpoUser = { email: d.email, password: d.password }
  const l = await t.user(['lead'], { teamIds: [team] })
  leadUser = { email: l.email, password: l.password }
  const dpo = await signIn(t.app, dpoUser)
  const breach = await dpo.post('/api/breaches', {
    discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
    nature: ['confidentiality'],
    description: 'Ordinateur portable volé au bureau de Namur',
    subjectCategories: ['clients'],
    dataCategories: ['identity'],
    personsAffected: 3,
    recordsAffected: 5,
  })
  expect(breach.statusCode, breach.body).toBe(201)
  const note = await agent.post('/api/practice-notes', {
    title: 'Familles associées tôt',
    body: 'Associer la famille dès le premier mois semble raccourcir la phase d’accueil.',
    themes: ['family_involvement'],
    lifeDomains: ['family'],
  })
  expect(note.statusCode, note.body).toBe(201)
  const lead = await signIn(t.app, leadUser)
  const comment = await lead.post(`/api/practice-notes/${json(note).id}/comments`, { body: 'Vrai aussi pour les dossiers judiciaires ?' })
  expect(comment.statusCode, comment.body).toBe(201)
  const training = await agent.post('/api/training-sessions', {
    teamId: team,
    heldOn: '2026-03-12',
    audience: 'school',
    title: 'Sensibilisation aux discours de haine',
    organisation: 'Athénée royal de Namur',
    participants: 28,
    hours: 2.5,
    note: 'Deux classes de rhéto',
  })
  expect(training.statusCode, training.body).toBe(201)
  secretsBefore = await systemTexts(t.app)
  expect(secretsBefore.breach).toContain('Namur')
  expect(secretsBefore.training).toHaveLength(1)
  await seedPersons(t.services, SEEDED)
  before = await snapshot(agent)
  expect(before.acc.body.summary).toContain('signalement')
  expect(before.doc.bytes.equals(docBytes)).toBe(true)
  expect(before.found.results?.length ?? before.found.items?.length ?? JSON.stringify(before.found).length).toBeTruthy()
}, 240_000)
afterAll(() => t.close())

it('rotates online under reads and writes, survives kill -9, resumes, verifies, and the new key alone reads everything back', async () => {
  const total = SEEDED + 2
  // The instances restarted for the rotation: the new key current, the old one previous.
  const b = await instance({ ...t.config, masterKey: { base64: newKey }, previousMasterKey: { base64: oldKey } })
  const agent = await signIn(b.app, worker)

  // Reads and writes the whole time the rotation runs.
  const created: { id: string; lastName: string }[] = []
  const failures: string[] = []
  let stop = false
  let rounds = 0
  const load = (async () => {
    while (!stop) {
      const lastName = `Charge${rounds}`
      const res = await agent.post('/api/persons', { firstName: 'Pendant', lastName })
      if (res.statusCode === 201) created.push({ id: json(res).id, lastName })
      else failures.push(`create ${res.statusCode}`)
      const read = await agent.get(`/api/persons/${personId}`)
      if (read.statusCode !== 200 || json(read).lastName !== 'Keyholm') failures.push(`read ${read.statusCode}`)
      const earlier = created[Math.floor(created.length / 2)]
      if (earlier) {
        const again = await agent.get(`/api/persons/${earlier.id}`)
        if (again.statusCode !== 200 || json(again).lastName !== earlier.lastName) failures.push(`read back ${again.statusCode}`)
      }
      rounds++
      // A busy office, not a flood: SQLite's one writer is shared with the rotation's batches.
      await new Promise((r) => setTimeout(r, 10))
    }
  })()

  // First run: killed with SIGKILL once it has committed some batches.
  const first = startCli(['keys', 'rotate', '--batch', '10', '--pause-ms', '25'], envWith(newKey, oldKey))
  let firstExit: number | null | 'running' = 'running'
  void first.exited.then((code) => (firstExit = code))
  await expect
    .poll(
      () => {
        if (firstExit !== 'running') throw new Error(`rotate exited with ${firstExit}: ${first.stdout()} ${first.stderr()}`)
        const done = [...first.stderr().matchAll(/ (\d+)\/(\d+)/g)].at(-1)
        return done ? Number(done[1]) : 0
      },
      { timeout: 240_000, interval: 20 },
    )
    .toBeGreaterThanOrEqual(100)
  first.child.kill('SIGKILL')
  expect(await first.exited).toBeNull()
  const halfway = await underKey(newKey)
  expect(halfway).toBeGreaterThan(0)
  expect(halfway).toBeLessThan(total)
  // Left for the second run: keys still under the old master, or unmarked (the bulk seeder's,
  // written before key ids existed). Which ones depends on the random ids' order: the two
  // persons created through the API, the only ones marked with the old key, may both be done.
  expect(await notUnderKey(newKey)).toBeGreaterThan(0)

  // Second run: takes what is left and prints its rate.
  const second = await runCliWith(['keys', 'rotate', '--batch', '200'], envWith(newKey, oldKey))
  expect(second.status, second.stderr).toBe(0)
  const rate = /data keys re-wrapped: (\d+) in [\d.]+ s \((\d+) keys\/s\); already under the current master: (\d+)/.exec(second.stdout)
  expect(rate, second.stdout).toBeTruthy()
  expect(Number(rate![3])).toBeGreaterThanOrEqual(halfway)
  // The TOTP seed, and the 7 texts above (the breach, the note's 2 and its comment, the training's 3).
  expect(second.stdout).toContain('system secrets sealed again: 8')
  expect(second.stdout).toContain('stable keys re-wrapped: 3')
  // Each run is on record in the audit chain: the operator via the CLI, counts and key ids, no key.
  const rotations = await t.services.db
    .selectFrom('audit_log')
    .select(['actor_id', 'subject_type', 'subject_id', 'details'])
    .where('action', '=', 'keys.rotated')
    .orderBy('seq')
    .execute()
  // The first run was killed before its end: only the run that finished wrote its entry.
  expect(rotations).toHaveLength(1)
  const last = rotations.at(-1)!
  const details = (typeof last.details === 'string' ? JSON.parse(last.details) : last.details) as { keys: { rewrapped: number } }
  expect(last).toMatchObject({ actor_id: null, subject_type: 'master_key', subject_id: masterKeyId(Buffer.from(newKey, 'base64')) })
  expect(details).toMatchObject({
    via: 'cli',
    masterKeyId: masterKeyId(Buffer.from(newKey, 'base64')),
    previousMasterKeyId: masterKeyId(Buffer.from(oldKey, 'base64')),
  })
  expect(details.keys.rewrapped).toBe(Number(rate![1]))
  const recorded = JSON.stringify(rotations)
  for (const key of [newKey, oldKey]) {
    expect(recorded).not.toContain(key)
    expect(recorded).not.toContain(Buffer.from(key, 'base64').toString('hex'))
  }

  stop = true
  await load
  expect(failures).toEqual([])
  expect(rounds).toBeGreaterThan(3)
  await b.close()

  // Every key opens under the new master alone; the old one opens nothing any more.
  const verified = await runCliWith(['keys', 'verify'], envWith(newKey))
  expect(verified.status, verified.stderr).toBe(0)
  expect(verified.stdout).toMatch(/data keys: \d+ open, 0 do not; system secrets: 8 open, 0 do not; stable keys: 3 open, 0 do not/)
  expect(await underKey(oldKey)).toBe(0)
  const stale = await runCliWith(['keys', 'verify'], envWith(oldKey))
  expect(stale.status).toBe(1)
  expect(stale.stderr).toContain('PARCOURS_MASTER_KEY')

  // The old key retired: an instance with the new key alone.
  const c = await instance({ ...t.config, masterKey: { base64: newKey }, previousMasterKey: null })
  try {
    const reader = await signIn(c.app, worker)
    const after = await snapshot(reader)
    expect(after.person).toEqual(before.person)
    expect(after.acc).toEqual(before.acc)
    expect(after.doc.status).toBe(200)
    expect(after.doc.bytes.equals(docBytes)).toBe(true)
    expect(after.found).toEqual(before.found)
    expect(created.length).toBeGreaterThan(0)
    for (const p of created) {
      const res = await reader.get(`/api/persons/${p.id}`)
      expect(res.statusCode).toBe(200)
      expect(json(res).lastName).toBe(p.lastName)
    }
    // A seeded person's data key too (written by the bulk seeder, before any key id).
    const seeded = await c.services.db
      .selectFrom('persons')
      .select('id')
      .where('id', 'not in', [personId, ...created.map((p) => p.id)])
      .limit(50)
      .execute()
    const keys = await c.services.codec.personKeys(
      c.services.db,
      seeded.map((s) => s.id),
    )
    expect(keys.size).toBe(seeded.length)

    // TOTP: the seed sealed under the old master opens under the new one.
    const mfa = new Agent(c.app)
    expect(json(await mfa.post('/api/auth/login', mfaUser)).status).toBe('mfa_required')
    const verifiedCode = await mfa.post('/api/auth/mfa/verify', { code: codeFor(mfaSecret) })
    expect(verifiedCode.statusCode, verifiedCode.body).toBe(200)
    expect(json(await mfa.get('/api/me')).email).toBe(mfaUser.email)

    // The service's own texts, sealed under the old master, read the same under the new one alone.
    expect(await systemTexts(c.app)).toEqual(secretsBefore)
  } finally {
    await c.close()
  }
}, 300_000)

it('refuses to start with a master key that did not make the database', async () => {
  await expect(createServices({ ...t.config, masterKey: { base64: crypto.randomBytes(32).toString('base64') } })).rejects.toThrow(
    /PARCOURS_MASTER_KEY: this database was not made with this master key/,
  )
  void TEST_PASSWORD
})
