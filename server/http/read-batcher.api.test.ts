import { afterAll, beforeAll, expect, it } from 'vitest'
import { verifyAudit } from '../security/audit.chain'
import { auditRows, json, startTestApp, type TestApp } from '../test/harness'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

it('gives every concurrent read its own viewed entry, and lets a refusal fail alone', async () => {
  const owner = await t.as(['worker'])
  const stranger = await t.as(['worker'])
  const mine = json(await owner.post('/api/persons', { firstName: 'Inès', lastName: 'Haddad' }))
  const theirs = json(await stranger.post('/api/persons', { firstName: 'Kevin', lastName: 'Janssens' }))
  const before = (await auditRows(t.services)).length
  const reads = await Promise.all([
    ...Array.from({ length: 20 }, () => owner.get(`/api/persons/${mine.id}`)),
    ...Array.from({ length: 5 }, () => owner.get(`/api/persons/${theirs.id}`)),
  ])
  expect(reads.slice(0, 20).map((r) => r.statusCode)).toEqual(Array(20).fill(200))
  expect(reads.slice(20).map((r) => r.statusCode)).toEqual(Array(5).fill(404))
  expect(reads.slice(0, 20).every((r) => json(r).firstName === 'Inès')).toBe(true)
  const added = (await auditRows(t.services)).slice(before)
  expect(added.filter((r) => r.action === 'person.viewed' && r.subject_id === mine.id)).toHaveLength(20)
  expect(added.filter((r) => r.action === 'access.denied' && r.subject_id === theirs.id)).toHaveLength(5)
  expect(added.filter((r) => r.action === 'person.viewed' && r.subject_id === theirs.id)).toHaveLength(0)
  expect((await verifyAudit(t.services.db)).ok).toBe(true)
})

it('cuts audited reads at once when the reader signs out or is disabled, even mid-burst', async () => {
  const reader = await t.as(['worker'])
  const disabledLater = await t.as(['worker'])
  const admin = await t.as(['admin'])
  const mine = json(await reader.post('/api/persons', { firstName: 'Lotte', lastName: 'Peeters' }))
  const theirs = json(await disabledLater.post('/api/persons', { firstName: 'Omar', lastName: 'Benali' }))
  const burst = (agent: typeof reader, id: string) => Promise.all(Array.from({ length: 8 }, () => agent.get(`/api/persons/${id}`)))
  expect((await burst(reader, mine.id)).map((r) => r.statusCode)).toEqual(Array(8).fill(200))
  expect((await burst(disabledLater, theirs.id)).map((r) => r.statusCode)).toEqual(Array(8).fill(200))

  const cookie = reader.cookie
  expect((await reader.post('/api/auth/logout')).statusCode).toBe(200)
  reader.cookie = cookie
  expect((await burst(reader, mine.id)).map((r) => r.statusCode)).toEqual(Array(8).fill(401))

  const view = json(await admin.get(`/api/users/${disabledLater.userId}`))
  expect(
    (await admin.patch(`/api/users/${disabledLater.userId}`, { disabled: true }, { 'if-match': `"${view.version}"` })).statusCode,
  ).toBe(200)
  expect((await burst(disabledLater, theirs.id)).map((r) => r.statusCode)).toEqual(Array(8).fill(401))
})
