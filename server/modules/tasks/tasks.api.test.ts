import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, serviceAt, serviceDate, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let outsider: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

const day = serviceDate

it("builds a worker's day: today's sessions, overdue tasks, the week ahead and mandates ending soon", async () => {
  const person = json(await worker.post('/api/persons', { firstName: 'Lina', lastName: 'Tahiri' }))
  const acc = json(
    await worker.post('/api/accompaniments', {
      kind: 'concerned',
      personId: person.id,
      teamId: team,
      framework: { framework: 'judicial', measure: 'electronic_monitoring', mandateStart: day(-200), mandateEnd: day(10) },
    }),
  )
  const late = json(await worker.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'Rapport à la maison de justice', dueDate: day(-2) }))
  expect(late).toMatchObject({ status: 'open', overdue: true, assigneeId: worker.userId, accompanimentCode: acc.code })
  const soon = json(await worker.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'Appeler le CPAS', dueDate: day(3) }))
  json(await worker.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'Plus tard', dueDate: day(30) }))
  json(await worker.post(`/api/accompaniments/${acc.id}/sessions`, { startsAt: serviceAt(0), modality: 'office' }))

  const myDay = json(await worker.get('/api/my-day'))
  expect(myDay.sessionsToday).toHaveLength(1)
  expect(myDay.overdueTasks.map((x: { id: string }) => x.id)).toEqual([late.id])
  expect(myDay.dueThisWeek.map((x: { id: string }) => x.id)).toEqual([soon.id])
  expect(myDay.dueThisWeek[0].title).toBe('Appeler le CPAS')
  expect(myDay.reminders).toEqual([{ type: 'mandate_end', accompanimentId: acc.id, accompanimentCode: acc.code, date: day(10) }])

  expect((await worker.post(`/api/accompaniments/${acc.id}/tasks/${late.id}/status`, { status: 'done' })).statusCode).toBe(428)
  expect(
    json(await worker.post(`/api/accompaniments/${acc.id}/tasks/${late.id}/status`, { status: 'done' }, { 'if-match': '"1"' })),
  ).toMatchObject({
    status: 'done',
    overdue: false,
  })
  expect(json(await worker.get('/api/my-day')).overdueTasks).toEqual([])
  expect(json(await outsider.get('/api/my-day'))).toMatchObject({ overdueTasks: [], dueThisWeek: [], reminders: [], sessionsToday: [] })
})

it('keeps tasks inside their case and their workers', async () => {
  const person = json(await worker.post('/api/persons', { firstName: 'Noah', lastName: 'Maes' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const task = json(await worker.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'Visite à domicile', dueDate: day(1) }))
  expect((await outsider.get(`/api/accompaniments/${acc.id}/tasks`)).statusCode).toBe(404)
  expect(
    (await outsider.post(`/api/accompaniments/${acc.id}/tasks/${task.id}/status`, { status: 'done' }, { 'if-match': '"1"' })).statusCode,
  ).toBe(404)
  // An emergency access reads the tasks but does not tick them off.
  const reason = { reason: 'Appel urgent de la police locale' }
  expect((await outsider.post(`/api/accompaniments/${acc.id}/break-glass`, reason)).statusCode).toBe(200)
  expect((await outsider.get(`/api/accompaniments/${acc.id}/tasks`)).statusCode).toBe(200)
  expect(
    json(await outsider.post(`/api/accompaniments/${acc.id}/tasks/${task.id}/status`, { status: 'done' }, { 'if-match': '"1"' })).code,
  ).toBe('access.forbidden')
  const foreign = await worker.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'X', dueDate: day(1), assigneeId: outsider.userId })
  expect(json(foreign).errors[0]).toMatchObject({ field: 'assigneeId', code: 'not_a_case_worker' })
  const raw = await t.services.db.selectFrom('tasks').select('title_sealed').where('id', '=', task.id).executeTakeFirstOrThrow()
  expect(raw.title_sealed).not.toContain('Visite')
  expect(json(await worker.get(`/api/accompaniments/${acc.id}/tasks`)).items[0]).toMatchObject({ status: 'open', version: 1 })
})
