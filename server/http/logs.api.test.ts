import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../app'
import { Agent, json, startTestApp, type TestApp } from '../test/harness'

/**
 * What the process logs, read back: route patterns, statuses and request ids, never a URL with
 * an id in it, a name, an e-mail, a body or a value that failed validation.
 */
let t: TestApp
const lines: string[] = []
let logged: Awaited<ReturnType<typeof buildApp>>
let worker: Agent

beforeAll(async () => {
  t = await startTestApp({ env: { LOG_LEVEL: 'debug' } })
  logged = await buildApp(t.services, { logger: true, logStream: { write: (line: string) => void lines.push(line) } })
  await logged.ready()
  const team = await t.team()
  const u = await t.user(['worker'], { teamIds: [team], email: 'zora.worker@test.parcours.test' })
  worker = new Agent(logged)
  expect((await worker.post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
})
afterAll(async () => {
  await logged.close()
  await t.close()
})

it('logs routes and statuses, never ids, names, e-mails, bodies or rejected values', async () => {
  const person = json(await worker.post('/api/persons', { firstName: 'Zorabelle', lastName: 'Vandermeulenhof', email: 'zora@example.org' }))
  expect((await worker.get(`/api/persons/${person.id}`)).statusCode).toBe(200)
  expect((await worker.post('/api/persons/search', { q: 'Zorabelle Vandermeulenhof' })).statusCode).toBe(200)
  expect((await worker.post('/api/persons', { firstName: 'Xanthippe-Secret', lastName: 'x'.repeat(500) })).statusCode).toBe(400)
  expect((await worker.get(`/api/persons/${person.id}?x=Xanthippe-Query`)).statusCode).toBe(200)
  // A crash deep in the codec: the error is logged, what it was decrypting is not.
  await t.services.db
    .updateTable('persons')
    .set({ notes_sealed: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA' })
    .where('id', '=', person.id)
    .execute()
  expect((await worker.get(`/api/persons/${person.id}`)).statusCode).toBe(500)

  const text = lines.join('')
  expect(lines.length).toBeGreaterThan(5)
  expect(text).toContain('/api/persons/:id')
  expect(text).toContain('unhandled error')
  for (const secret of [
    person.id,
    person.code,
    'Zorabelle',
    'Vandermeulenhof',
    'zora@example.org',
    'zora.worker',
    'Xanthippe',
    'xxxxxxxxxx',
  ])
    expect(text, `the log holds ${secret}`).not.toContain(secret)
})
