import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp, serviceDate } from '../../test/harness'
import { serviceDayStart, serviceToday } from '../../time/service-day'

/**
 * Finding 1 of the privacy review: a worker taken off a case got 404 on the case, yet My day
 * still returned its tasks' titles and My day and the calendar still listed its sessions. Lists
 * of case rows now go through the case's visibility, whoever the row names.
 */
let t: TestApp
let team: string
let lead: Agent & { userId: string }
let first: Agent & { userId: string }
let second: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  lead = await t.as(['lead'], { teamIds: [team] })
  first = await t.as(['worker'], { teamIds: [team] })
  second = await t.as(['worker'], { teamIds: [team] })
})
afterAll(() => t.close())

const day = serviceDate

it('a worker taken off a case no longer sees its tasks or sessions on My day or the calendar', async () => {
  const person = json(await first.post('/api/persons', { firstName: 'Sami', lastName: 'Ouazzani' }))
  const acc = json(await first.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  expect(acc.access).toBe('assigned')
  await first.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'Appeler Sami Ouazzani', dueDate: day(-1) })
  await first.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'Voir Sami Ouazzani', dueDate: day(2) })
  // Noon of the service's day (Brussels), not of the UTC date: the two differ after local midnight.
  const noon = new Date(Date.parse(serviceDayStart(serviceToday())) + 12 * 3_600_000).toISOString()
  expect((await first.post(`/api/accompaniments/${acc.id}/sessions`, { startsAt: noon, modality: 'office' })).statusCode).toBe(201)
  const week = `/api/calendar?from=${day(-3)}T00:00:00.000Z&to=${day(4)}T00:00:00.000Z`

  const before = json(await first.get('/api/my-day'))
  expect(before.overdueTasks).toHaveLength(1)
  expect(before.dueThisWeek).toHaveLength(1)
  expect(before.sessionsToday).toHaveLength(1)
  expect(json(await first.get(week)).items).toHaveLength(1)

  // The lead hands the case to someone else.
  expect((await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: second.userId })).statusCode).toBe(200)
  expect((await first.get(`/api/accompaniments/${acc.id}`)).statusCode).toBe(404)

  const after = await first.get('/api/my-day')
  expect(after.body).not.toContain('Sami')
  expect(after.body).not.toContain(acc.code)
  expect(json(after)).toMatchObject({ overdueTasks: [], dueThisWeek: [], sessionsToday: [], reminders: [] })
  const calendar = await first.get(week)
  expect(json(calendar).items).toEqual([])
  expect(calendar.body).not.toContain(acc.code)
})
