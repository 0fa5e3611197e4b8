import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Migration 0075: the log keeps the indexes its questions read and loses the two nobody reads;
 * the log's page for a person still finds that person's entries (its plan is checked in
 * audit-plans.api.test.ts).
 */
let t: TestApp
let dpo: Agent
let worker: Agent

beforeAll(async () => {
  t = await startTestApp()
  dpo = await t.as(['dpo'])
  worker = await t.as(['worker'])
})
afterAll(() => t?.close())

async function indexesOf(table: string): Promise<string[]> {
  const query =
    t.services.kind === 'postgres'
      ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = ${table}`
      : sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`
  return (await query.execute(t.services.db)).rows.map((r) => r.name)
}

it('drops audit_reader and audit_person and keeps the indexes the log’s questions read', async () => {
  const names = await indexesOf('audit_log')
  expect(names).not.toContain('audit_reader')
  expect(names).not.toContain('audit_person')
  for (const kept of ['audit_action', 'audit_actor', 'audit_actor_at', 'audit_at']) expect(names).toContain(kept)
  expect(await indexesOf('audit_persons')).toContain('audit_person_reads')
})

it('still finds a person’s entries in the log by the person', async () => {
  const person = await worker.post('/api/persons', { firstName: 'Romane', lastName: 'Delvaux' })
  expect(person.statusCode, person.body).toBe(201)
  const personId = json(person).id as string
  expect((await worker.get(`/api/persons/${personId}`)).statusCode).toBe(200)
  const page = await dpo.get(`/api/audit?personId=${personId}`)
  expect(page.statusCode, page.body).toBe(200)
  const actions = (json(page).items as { action: string }[]).map((e) => e.action)
  expect(actions).toEqual(expect.arrayContaining(['person.created', 'person.viewed']))
})
