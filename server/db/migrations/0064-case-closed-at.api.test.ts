import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { backfillClosedAt } from './0064-case-closed-at'

let t: TestApp
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let team: string

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
})
afterAll(() => t?.close())

const v = (n: number) => ({ 'if-match': `"${n}"` })

async function closedCase(lastName: string) {
  const person = json(await worker.post('/api/persons', { firstName: 'Migration', lastName }))
  const c = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'goals_reached', reason: 'Fin' }, v(c.version))
  expect((await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(c.version + 1))).statusCode).toBe(200)
  return c as { id: string; version: number }
}

it('gives each closed case of a database from before 0064 its latest approved closure, and an open one none', async () => {
  const once = await closedCase('Une')
  const twice = await closedCase('Deux')
  await worker.post(`/api/accompaniments/${twice.id}/reopen`, { reason: 'Reprise' }, v(twice.version + 2))
  await worker.post(`/api/accompaniments/${twice.id}/closure`, { outcome: 'moved_away', reason: 'Départ' }, v(twice.version + 3))
  expect((await lead.post(`/api/accompaniments/${twice.id}/closure/decision`, { approve: true }, v(twice.version + 4))).statusCode).toBe(
    200,
  )
  const reopened = await closedCase('Rouvert')
  await worker.post(`/api/accompaniments/${reopened.id}/reopen`, { reason: 'Reprise' }, v(reopened.version + 2))
  const ids = [once.id, twice.id, reopened.id]

  // As before the migration: the column empty.
  const db = t.services.db
  await db.updateTable('accompaniments').set({ closed_at: null }).where('id', 'in', ids).execute()
  await backfillClosedAt(db)

  const rows = await db.selectFrom('accompaniments').select(['id', 'status', 'closed_at']).where('id', 'in', ids).execute()
  const latest = async (id: string) =>
    (
      await db
        .selectFrom('accompaniment_events')
        .select('at')
        .where('accompaniment_id', '=', id)
        .where('type', '=', 'approve_closure')
        .orderBy('at', 'desc')
        .executeTakeFirstOrThrow()
    ).at
  const byId = new Map(rows.map((r) => [r.id, r]))
  expect(byId.get(once.id)).toEqual({ id: once.id, status: 'closed', closed_at: await latest(once.id) })
  expect(byId.get(twice.id)).toEqual({ id: twice.id, status: 'closed', closed_at: await latest(twice.id) })
  expect(byId.get(reopened.id)).toEqual({ id: reopened.id, status: 'active', closed_at: null })
})
