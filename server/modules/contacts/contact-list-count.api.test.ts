import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { toJson } from '../../db/json'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The contact list counts matching contacts up to 1,000 and says when more match: counting every
 * match of a five-year line would read all of them on each page turn. The fixture writes plain
 * rows directly (no caller, nothing sealed): what is measured is the count, not the contacts.
 */
let t: TestApp
let intake: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  intake = await t.as(['intake'])
})
afterAll(() => t.close())

async function insert(n: number, status: 'draft' | 'final', from = 0) {
  const rows = Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.parse('2026-01-01T08:00:00Z') + (from + i) * 60_000).toISOString()
    return {
      id: crypto.randomUUID(),
      status,
      channel: 'phone' as const,
      direction: 'incoming' as const,
      occurred_at: at,
      duration_minutes: null,
      caller_kind: 'anonymous' as const,
      caller_sector: null,
      caller_sealed: null,
      phone_index: null,
      email_index: null,
      person_id: null,
      description_sealed: null,
      themes: toJson<string[]>([]),
      summary_sealed: null,
      orientation: 'none' as const,
      referred_to_sealed: null,
      urgency: 'none' as const,
      callback_on: null,
      callback_assignee_id: null,
      queue_rank: null,
      accompaniment_id: null,
      created_by: intake.userId,
      created_at: at,
      updated_at: at,
      finalised_at: status === 'final' ? at : null,
      version: 1,
      danger_at: null,
      danger_acknowledged_at: null,
      danger_acknowledged_by: null,
      answers_contact_id: null,
      called_back_at: null,
    }
  })
  for (let i = 0; i < rows.length; i += 200)
    await t.services.db
      .insertInto('contacts')
      .values(rows.slice(i, i + 200))
      .execute()
}

it('counts up to 1,000 exactly, then says that more match', async () => {
  await insert(997, 'final')
  await insert(3, 'draft', 997)
  const exact = json(await intake.get('/api/contacts?limit=25'))
  expect(exact).toMatchObject({ total: 1000, capped: false })
  expect(exact.items).toHaveLength(25)

  await insert(1, 'final', 1000)
  const capped = json(await intake.get('/api/contacts?limit=25'))
  expect(capped).toMatchObject({ total: 1000, capped: true })
  // A filter that matches fewer is counted exactly.
  expect(json(await intake.get('/api/contacts?status=draft'))).toMatchObject({ total: 3, capped: false })
  expect(json(await intake.get('/api/contacts?status=final'))).toMatchObject({ total: 998, capped: false })
  // The last page within the cap is still reachable.
  const last = json(await intake.get('/api/contacts?limit=25&offset=975'))
  expect(last.items).toHaveLength(25)
})
