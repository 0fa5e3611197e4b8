import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { type Agent, auditRows, startTestApp, type TestApp } from '../test/harness'

let h: TestApp
let worker: Agent & { userId: string }
let partner: Agent & { userId: string }
let colleague: Agent & { userId: string }
let team: string

beforeAll(async () => {
  h = await startTestApp({ env: { PARCOURS_DENIALS_PER_MINUTE: '5' } })
  team = await h.team()
  worker = await h.as(['worker'], { teamIds: [team] })
  colleague = await h.as(['worker'], { teamIds: [team] })
  partner = await h.as(['partner'])
})
afterAll(() => h.close())

const mine = async (userId: string, action: string) => (await auditRows(h.services, action)).filter((r) => r.actor_id === userId)

it('a session probing ids it may not see fills the audit log only up to the limit, then is refused for the minute', async () => {
  const statuses: number[] = []
  for (let i = 0; i < 8; i++) statuses.push((await worker.get(`/api/accompaniments/${crypto.randomUUID()}`)).statusCode)
  // Five recorded misses, the sixth still answers 404 (no hint) but is recorded as the flood it is,
  // then the session is refused outright.
  expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429, 429])
  expect(await mine(worker.userId, 'access.denied')).toHaveLength(5)
  const flood = await mine(worker.userId, 'rate.limited')
  expect(flood).toHaveLength(1)
  expect(JSON.parse(flood[0]!.details ?? '{}')).toMatchObject({ limit: 5, per: 'minute' })
  // Even a legitimate read waits for the minute to pass; a colleague's session is not affected.
  expect((await worker.get('/api/accompaniments')).statusCode).toBe(429)
  expect((await colleague.get('/api/accompaniments')).statusCode).toBe(200)
  // Signing out still works.
  expect((await worker.post('/api/auth/logout')).statusCode).toBeLessThan(300)
})

it('counts refusals by the permission table the same way', async () => {
  const statuses: number[] = []
  for (let i = 0; i < 7; i++) statuses.push((await partner.get('/api/accompaniments')).statusCode)
  expect(statuses).toEqual([403, 403, 403, 403, 403, 403, 429])
  expect(await mine(partner.userId, 'access.denied')).toHaveLength(5)
  expect(await mine(partner.userId, 'rate.limited')).toHaveLength(1)
})

it('is counted per user: signing out and in again does not reset it, until the minute is over', async () => {
  const u = await h.user(['worker'], { teamIds: [team] })
  const agent = h.agent()
  expect((await agent.post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
  const statuses: number[] = []
  for (let i = 0; i < 7; i++) statuses.push((await agent.get(`/api/accompaniments/${crypto.randomUUID()}`)).statusCode)
  expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429])
  expect((await agent.post('/api/auth/logout')).statusCode).toBe(200)
  expect((await agent.post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
  const again = await agent.get('/api/accompaniments')
  expect(again.statusCode).toBe(429)
  expect(again.headers['content-type']).toMatch(/^application\/problem\+json/)
  // A second session of the same user is refused too; another user of the same team is not.
  const second = h.agent('10.0.0.2')
  await second.post('/api/auth/login', { email: u.email, password: u.password })
  expect((await second.get('/api/accompaniments')).statusCode).toBe(429)
  expect((await colleague.get('/api/accompaniments')).statusCode).toBe(200)
  expect(await mine(u.id, 'access.denied')).toHaveLength(5)
  expect(await mine(u.id, 'rate.limited')).toHaveLength(1)
  // The minute over, the same user reads again.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 })
  try {
    expect((await agent.get('/api/accompaniments')).statusCode).toBe(200)
  } finally {
    vi.useRealTimers()
  }
})
