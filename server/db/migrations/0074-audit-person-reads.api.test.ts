import crypto from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { up } from './0074-audit-person-reads'

/**
 * Migration 0074: the persons index of a log written before it holds only (person, entry). A
 * database from before it is made again from a current one (the copies and their index dropped);
 * running the migration gives every row its entry's time, actor, action and outcome, leaves the
 * index append-only, and "who read this person" finds the reads made before it.
 */
let t: TestApp
let dpo: Agent & { userId: string }
let worker: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  dpo = await t.as(['dpo'])
  worker = await t.as(['worker'])
})
afterAll(() => t?.close())

it('copies each entry’s time, actor, action and outcome into its persons index rows', async () => {
  const person = await worker.post('/api/persons', { firstName: 'Odile', lastName: 'Marchal' })
  expect(person.statusCode, person.body).toBe(201)
  const personId = json(person).id as string
  for (let i = 0; i < 3; i++) expect((await worker.get(`/api/persons/${personId}`)).statusCode).toBe(200)

  const db = t.services.db as unknown as Kysely<unknown>
  await sql`drop index audit_person_reads`.execute(db)
  for (const column of ['at', 'actor_id', 'action', 'outcome'])
    await sql`alter table audit_persons drop column ${sql.ref(column)}`.execute(db)

  // An index row whose entry is missing (what `audit verify` exists to find) must survive the migration.
  const orphan = { person_id: crypto.randomUUID(), seq: 987_654_321 }
  await t.services.db.insertInto('audit_persons').values(orphan).execute()

  await up(db, t.services.kind)

  const rows = await t.services.db
    .selectFrom('audit_persons as p')
    .innerJoin('audit_log as a', 'a.seq', 'p.seq')
    .select([
      'p.at',
      'p.actor_id',
      'p.action',
      'p.outcome',
      'a.at as a_at',
      'a.actor_id as a_actor',
      'a.action as a_action',
      'a.outcome as a_outcome',
    ])
    .execute()
  expect(rows.length).toBeGreaterThan(3)
  const kept = await t.services.db.selectFrom('audit_persons').selectAll().where('person_id', '=', orphan.person_id).execute()
  expect(kept.map((r) => ({ seq: Number(r.seq), at: r.at, actor_id: r.actor_id }))).toEqual([{ seq: orphan.seq, at: '', actor_id: null }])
  expect(rows.filter((r) => r.at !== r.a_at || r.actor_id !== r.a_actor || r.action !== r.a_action || r.outcome !== r.a_outcome)).toEqual(
    [],
  )
  // Still append-only.
  await expect(sql`update audit_persons set actor_id = null`.execute(db)).rejects.toThrow()
  await expect(sql`delete from audit_persons`.execute(db)).rejects.toThrow()

  const day = new Date().toISOString().slice(0, 10)
  const res = await dpo.post('/api/audit/access-review/readers', { personId, from: day, to: day })
  expect(res.statusCode, res.body).toBe(200)
  const mine = (json(res) as { readers: { actorId: string; reads: number }[] }).readers.find((r) => r.actorId === worker.userId)
  expect(mine?.reads).toBeGreaterThanOrEqual(3)
})
