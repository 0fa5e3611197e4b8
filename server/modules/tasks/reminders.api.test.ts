import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp, serviceDate } from '../../test/harness'
import { addMonths } from './reminders.queries'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
})
afterAll(() => t.close())

const day = serviceDate
const monthsAgo = (n: number, plusDays = 0) => addMonths(day(plusDays), -n)
type R = { type: string; accompanimentId: string; date: string }

it('counts calendar months and clamps to the end of shorter months', () => {
  expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
  expect(addMonths('2028-01-31', 1)).toBe('2028-02-29')
  expect(addMonths('2026-11-15', 3)).toBe('2027-02-15')
  expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
})

it('reminds the workers of a report due from the agreed rhythm, counted from the last report sent', async () => {
  const person = json(await worker.post('/api/persons', { firstName: 'Reda', lastName: 'Reminders' }))
  const acc = json(
    await worker.post('/api/accompaniments', {
      kind: 'concerned',
      personId: person.id,
      teamId: team,
      framework: { framework: 'judicial', measure: 'probation_condition', mandateStart: monthsAgo(3, 5), reportEveryMonths: 3 },
    }),
  )
  expect(acc.judicial.reportEveryMonths).toBe(3)
  const reportsOf = async (a: Agent) =>
    (json(await a.get('/api/my-day')).reminders as R[]).filter((r) => r.accompanimentId === acc.id && r.type === 'report_due')
  // Three months after the start of the mandate, minus five days: due in five days.
  expect(await reportsOf(worker)).toEqual([expect.objectContaining({ date: addMonths(monthsAgo(3, 5), 3) })])
  // The lead does not write the reports: no reminder for them.
  expect(await reportsOf(lead)).toEqual([])

  // Once a report is sent, the next one is three months later: nothing within two weeks.
  const sent = await worker.post(`/api/accompaniments/${acc.id}/reports`, {
    periodFrom: monthsAgo(3, 5),
    periodTo: day(0),
    engagement: 'active',
    recipient: 'Maison de justice',
  })
  expect(sent.statusCode).toBe(201)
  expect(await reportsOf(worker)).toEqual([])
})

it('reminds the workers of a progress review due, late ones included, and forgets it once a review is taken', async () => {
  const person = json(await worker.post('/api/persons', { firstName: 'Lou', lastName: 'Reminders' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const reviewsOf = async () =>
    (json(await worker.get('/api/my-day')).reminders as R[]).filter((r) => r.accompanimentId === acc.id && r.type === 'review_due')
  // A new case: the first review is due three months after opening, so not yet.
  expect(await reviewsOf()).toEqual([])
  // An old review makes the next one late.
  const old = await worker.post(`/api/accompaniments/${acc.id}/assessments`, {
    instrument: 'progress-review',
    takenOn: monthsAgo(4),
    answers: {},
  })
  expect(old.statusCode, old.body).toBe(201)
  expect(await reviewsOf()).toEqual([expect.objectContaining({ date: addMonths(monthsAgo(4), 3) })])
  expect((await reviewsOf())[0]!.date < day(0)).toBe(true)
  const recent = await worker.post(`/api/accompaniments/${acc.id}/assessments`, {
    instrument: 'progress-review',
    takenOn: day(-1),
    answers: {},
  })
  expect(recent.statusCode).toBe(201)
  expect(await reviewsOf()).toEqual([])
})
