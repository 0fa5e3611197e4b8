import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp, serviceDate } from '../../test/harness'

/**
 * My day and the calendar list only the rows of cases one still sees, so a worker taken off a
 * case no longer sees its tasks and sessions. Unless someone takes them over, they would be on
 * nobody's day: reassigning a case hands the leaving workers' open tasks and future planned
 * sessions to the new primary worker, in the same transaction, and the timeline says how many.
 */
let t: TestApp
let team: string
let lead: Agent & { userId: string }
let first: Agent & { userId: string }
let second: Agent & { userId: string }
let co: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  lead = await t.as(['lead'], { teamIds: [team] })
  first = await t.as(['worker'], { teamIds: [team] })
  second = await t.as(['worker'], { teamIds: [team] })
  co = await t.as(['worker'], { teamIds: [team] })
})
afterAll(() => t.close())

const day = serviceDate
const at = (offset: number) => `${day(offset)}T10:00:00.000Z`
type Task = { id: string; assigneeId: string; status: string; version: number }
type Session = { id: string; workerId: string; status: string; version: number }

it('hands the open tasks and future planned sessions of a worker who leaves the case to the new primary worker', async () => {
  const person = json(await first.post('/api/persons', { firstName: 'Ilias', lastName: 'Bouzid' }))
  const acc = json(await first.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  expect(
    (await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: first.userId, coWorkerIds: [co.userId] })).statusCode,
  ).toBe(200)
  const task = async (by: Agent, title: string, dueDate: string) =>
    json(await by.post(`/api/accompaniments/${acc.id}/tasks`, { title, dueDate })) as Task
  const overdue = await task(first, 'Rappeler le SAJ', day(-1))
  const thisWeek = await task(first, 'Préparer la réunion de réseau', day(2))
  const done = await task(first, 'Envoyer le courrier', day(-4))
  expect(
    (await first.post(`/api/accompaniments/${acc.id}/tasks/${done.id}/status`, { status: 'done' }, { 'if-match': `"${done.version}"` }))
      .statusCode,
  ).toBe(200)
  const coTask = await task(co, 'Appeler la mère', day(1))
  const session = async (by: Agent, offset: number, status: string) => {
    const res = await by.post(`/api/accompaniments/${acc.id}/sessions`, { startsAt: at(offset), modality: 'office', status })
    expect(res.statusCode, res.body).toBe(201)
    return json(res) as Session
  }
  const planned = await session(first, 3, 'planned')
  const held = await session(first, -7, 'held')
  const cancelled = await session(first, 5, 'cancelled')
  const coPlanned = await session(co, 4, 'planned')

  // The lead hands the case to the second worker; the co-worker stays.
  const res = await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: second.userId, coWorkerIds: [co.userId] })
  expect(res.statusCode, res.body).toBe(200)

  const tasks = new Map((json(await second.get(`/api/accompaniments/${acc.id}/tasks`)).items as Task[]).map((x) => [x.id, x]))
  expect(tasks.get(overdue.id)).toMatchObject({ assigneeId: second.userId, status: 'open', version: overdue.version + 1 })
  expect(tasks.get(thisWeek.id)).toMatchObject({ assigneeId: second.userId, status: 'open', version: thisWeek.version + 1 })
  // What is done stays with who did it; the co-worker keeps theirs.
  expect(tasks.get(done.id)).toMatchObject({ assigneeId: first.userId, status: 'done' })
  expect(tasks.get(coTask.id)).toMatchObject({ assigneeId: co.userId, version: coTask.version })

  const sessions = new Map((json(await second.get(`/api/accompaniments/${acc.id}/sessions`)).items as Session[]).map((x) => [x.id, x]))
  expect(sessions.get(planned.id)).toMatchObject({ workerId: second.userId, status: 'planned', version: planned.version + 1 })
  // The past stays as it was held, a cancelled session is no one's appointment.
  expect(sessions.get(held.id)).toMatchObject({ workerId: first.userId, version: held.version })
  expect(sessions.get(cancelled.id)).toMatchObject({ workerId: first.userId, version: cancelled.version })
  expect(sessions.get(coPlanned.id)).toMatchObject({ workerId: co.userId, version: coPlanned.version })

  // The new primary worker's day and calendar carry them; the former one's no longer do.
  const myDay = json(await second.get('/api/my-day'))
  expect(myDay.overdueTasks.map((x: Task) => x.id)).toEqual([overdue.id])
  expect(myDay.dueThisWeek.map((x: Task) => x.id)).toEqual([thisWeek.id])
  const week = `/api/calendar?from=${day(-1)}T00:00:00.000Z&to=${day(6)}T00:00:00.000Z`
  expect(json(await second.get(week)).items.map((x: Session) => x.id)).toEqual([planned.id])
  expect(json(await first.get('/api/my-day'))).toMatchObject({ overdueTasks: [], dueThisWeek: [] })
  expect(json(await first.get(week)).items).toEqual([])

  // The timeline says what moved, in counts: no titles, no times.
  const [event] = json(await lead.get(`/api/accompaniments/${acc.id}/timeline`)).items
  expect(event).toMatchObject({
    type: 'assigned',
    data: { primaryWorkerId: second.userId, coWorkerIds: [co.userId], tasksMoved: 2, sessionsMoved: 1 },
  })
})

it('moves nothing when no worker leaves, and says so', async () => {
  const person = json(await first.post('/api/persons', { firstName: 'Léa', lastName: 'Marchal' }))
  const acc = json(await first.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const mine = json(await first.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'Premier rendez-vous', dueDate: day(1) })) as Task
  // The primary worker becomes a co-worker: still on the case, still theirs.
  expect(
    (await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: second.userId, coWorkerIds: [first.userId] })).statusCode,
  ).toBe(200)
  const [task] = json(await first.get(`/api/accompaniments/${acc.id}/tasks`)).items as Task[]
  expect(task).toMatchObject({ id: mine.id, assigneeId: first.userId, version: mine.version })
  const [event] = json(await lead.get(`/api/accompaniments/${acc.id}/timeline`)).items
  expect(event.data).toMatchObject({ tasksMoved: 0, sessionsMoved: 0 })
})
