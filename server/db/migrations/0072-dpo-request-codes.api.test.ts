import type { Kysely } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { up } from './0072-dpo-request-codes'

/**
 * Migration 0072: a data-subject request recorded before it has an R- code, as referrals do. A
 * database from before it is made again from a current one (the code given back its R-); running
 * the migration gives the request D- and the same eight characters, and the DPO reads it so.
 */
let t: TestApp
let dpo: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  dpo = await t.as(['dpo'])
})
afterAll(() => t?.close())

it('gives the requests of a database from before 0072 a D- code, keeping the rest of it', async () => {
  const res = await dpo.post('/api/dpo/requests', {
    kind: 'access',
    requester: 'subject',
    channel: 'letter',
    identityCheck: 'id_document_seen',
    receivedOn: '2026-01-31',
  })
  expect(res.statusCode, res.body).toBe(201)
  const { id, code } = json(res) as { id: string; code: string }
  expect(code).toMatch(/^D-/)
  const db = t.services.db
  await db
    .updateTable('dpo_requests')
    .set({ code: `R${code.slice(1)}` })
    .where('id', '=', id)
    .execute()

  await up(db as unknown as Kysely<unknown>)
  expect(json(await dpo.get(`/api/dpo/requests/${id}`)).code).toBe(code)
})
