import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The printable summary is offered in the person's language: the summary says which languages
 * the person speaks, as recorded on their file and in its order, and nothing else of the file.
 */

let t: TestApp
let worker: Agent & { userId: string }
let team = ''

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
})
afterAll(() => t.close())

async function summaryOf(languages?: string[]) {
  const person = json(await worker.post('/api/persons', { firstName: 'Lotte', lastName: 'Taal', ...(languages ? { languages } : {}) }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const res = await worker.get(`/api/accompaniments/${acc.id}/summary`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res)
}

it("says the person's languages, in the order recorded", async () => {
  expect((await summaryOf(['ar', 'nl'])).languages).toEqual(['ar', 'nl'])
  expect((await summaryOf(['de'])).languages).toEqual(['de'])
  expect((await summaryOf()).languages).toEqual([])
  // Still only the first name of the person's identity.
  expect(JSON.stringify(await summaryOf(['nl']))).not.toContain('Taal')
})

it("is dated on the service's day: printed at 00:30 in Brussels, it says today, not UTC's yesterday", async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T23:30:00.000Z') })
  try {
    // A fresh worker: no session outlives the jump of the clock.
    worker = await t.as(['worker'], { teamIds: [team] })
    expect((await summaryOf(['fr'])).generatedOn).toBe('2026-12-02')
  } finally {
    vi.useRealTimers()
  }
})
