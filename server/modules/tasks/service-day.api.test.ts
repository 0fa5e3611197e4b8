import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { json, startTestApp, type TestApp } from '../../test/harness'

/**
 * "Today" is the day in Brussels, not in UTC: My day, overdue tasks (on the case, on My day and
 * on the lead's dashboard) change at local midnight, also on the nights the clocks change. Each
 * case freezes Date at one instant (vi.useFakeTimers toFake Date) and works through the API as a
 * fresh worker, so no session outlives a jump of the clock.
 */
let t: TestApp
let team: string

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
})
afterEach(() => {
  vi.useRealTimers()
})
afterAll(() => t.close())

const DAY = 86_400_000
const dayBefore = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) - DAY).toISOString().slice(0, 10)
const minutesFrom = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString()

const INSTANTS = [
  // [what the Brussels clock reads, the instant in UTC, the Brussels date]
  ['23:30 on 1 December (winter, UTC+1)', '2026-12-01T22:30:00.000Z', '2026-12-01'],
  ['00:30 on 2 December (winter, UTC+1)', '2026-12-01T23:30:00.000Z', '2026-12-02'],
  ['00:30 on 29 March, the night clocks go forward (UTC+1)', '2026-03-28T23:30:00.000Z', '2026-03-29'],
  ['23:30 on 29 March, after the change (UTC+2)', '2026-03-29T21:30:00.000Z', '2026-03-29'],
  ['00:30 on 30 March (UTC+2)', '2026-03-29T22:30:00.000Z', '2026-03-30'],
  ['00:30 on 25 October, the night clocks go back (UTC+2)', '2026-10-24T22:30:00.000Z', '2026-10-25'],
  ['23:30 on 25 October, after the change (UTC+1)', '2026-10-25T22:30:00.000Z', '2026-10-25'],
  ['00:30 on 26 October (UTC+1)', '2026-10-25T23:30:00.000Z', '2026-10-26'],
] as const

describe("the service's day on My day, the case's tasks and the lead's dashboard", () => {
  it.each(INSTANTS)('at %s', async (clock, now, today) => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(now) })
    const worker = await t.as(['worker'], { teamIds: [team] })
    const lead = await t.as(['lead'], { teamIds: [team] })
    const person = json(await worker.post('/api/persons', { firstName: 'Lina', lastName: 'Peeters' }))
    const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
    const task = async (title: string, dueDate: string) => {
      const res = await worker.post(`/api/accompaniments/${acc.id}/tasks`, { title, dueDate })
      expect(res.statusCode, res.body).toBe(201)
      return json(res).id as string
    }
    const late = await task('Rappeler la maison de justice', dayBefore(today))
    const due = await task('Envoyer le rapport', today)
    // Twenty minutes ago is today on the Brussels clock; forty minutes away (before at 00:30,
    // after at 23:30) is across local midnight, whatever UTC's date says.
    const otherDay = minutesFrom(now, clock.startsWith('00:30') ? -40 : 40)
    const session = async (startsAt: string) => {
      const res = await worker.post(`/api/accompaniments/${acc.id}/sessions`, { startsAt, modality: 'office', status: 'planned' })
      expect(res.statusCode, res.body).toBe(201)
      return json(res).id as string
    }
    const sameDay = await session(minutesFrom(now, -20))
    await session(otherDay)

    const myDay = json(await worker.get('/api/my-day'))
    expect(myDay.date).toBe(today)
    expect(myDay.overdueTasks.map((x: { id: string }) => x.id)).toEqual([late])
    expect(myDay.dueThisWeek.map((x: { id: string }) => x.id)).toEqual([due])
    expect(myDay.sessionsToday.map((x: { id: string }) => x.id)).toEqual([sameDay])

    const tasks = json(await worker.get(`/api/accompaniments/${acc.id}/tasks`)).items
    expect(Object.fromEntries(tasks.map((x: { id: string; overdue: boolean }) => [x.id, x.overdue]))).toEqual({
      [late]: true,
      [due]: false,
    })

    const dashboard = json(await lead.get(`/api/dashboard/caseload?teamId=${team}`))
    const overdueHere = dashboard.overdueTasks.items.filter((x: { accompanimentId: string }) => x.accompanimentId === acc.id)
    expect(overdueHere.map((x: { id: string }) => x.id)).toEqual([late])
  })
})
