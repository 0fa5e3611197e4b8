import { afterAll, beforeAll, expect, it } from 'vitest'
import { json, startTestApp, type TestApp } from '../test/harness'
import { runCli } from '../test/cli'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

/** The operator's command line, run for real against the database under test. */
const cli = (...args: string[]) => runCli(t, args)

it('adds a user who activates with the printed link and signs in', async () => {
  const res = cli('user', 'add', '--email', 'Ops.Created@Test.Parcours.test', '--role', 'worker', '--role', 'lead', '--name', 'Ana Peeters')
  expect(res.status, res.stderr).toBe(0)
  const token = /activate#token=([\w-]+)/.exec(res.stdout)?.[1]
  expect(token).toBeTruthy()
  const agent = t.agent()
  expect((await agent.post('/api/auth/activate', { token, password: 'une phrase de passe solide' })).statusCode).toBe(200)
  expect(
    json(await agent.post('/api/auth/login', { email: 'ops.created@test.parcours.test', password: 'une phrase de passe solide' })).status,
  ).toBe('signed_in')
  expect(json(await agent.get('/api/me'))).toMatchObject({ displayName: 'Ana Peeters', roles: ['worker', 'lead'] })
  const created = await t.services.db
    .selectFrom('audit_log')
    .select(['action', 'subject_type'])
    .where('action', '=', 'user.created')
    .execute()
  expect(created.length).toBeGreaterThan(0)
})

it('refuses bad input with a usage message and exit code 2', () => {
  const res = cli('user', 'add', '--email', 'x@test.parcours.test', '--role', 'superuser')
  expect(res.status).toBe(2)
  expect(res.stderr).toContain('unknown role superuser')
  expect(cli('frobnicate').status).toBe(2)
})

it('seeds synthetic persons with a progress bar, searchable by name', async () => {
  const res = cli('seed', '--persons', '120')
  expect(res.status, res.stderr).toBe(0)
  expect(res.stderr).toContain('100% 120/120')
  const count = await t.services.db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  expect(Number(count.n)).toBe(120)
  // Each person bears a set of name keys; namesakes share theirs, stored once.
  const sets = await t.services.db.selectFrom('person_name_sets').select('set_hash').execute()
  expect(sets).toHaveLength(120)
  const distinct = new Set(sets.map((s) => s.set_hash)).size
  const stored = await t.services.db.selectFrom('name_set_keys').select('set_hash').distinct().execute()
  expect(stored).toHaveLength(distinct)
})
