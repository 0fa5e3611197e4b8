import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/** A task changed after it was made: title, due date and time, and handed to another of the case's workers. */

let t: TestApp
let lead: Agent & { userId: string }
let first: Agent & { userId: string }
let co: Agent & { userId: string }
let teammate: Agent & { userId: string }
let outsider: Agent & { userId: string }
let caseId: string

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  lead = await t.as(['lead'], { teamIds: [team] })
  first = await t.as(['worker'], { teamIds: [team] })
  co = await t.as(['worker'], { teamIds: [team] })
  teammate = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
  const person = json(await first.post('/api/persons', { firstName: 'Yanis', lastName: 'Haddad' }))
  caseId = json(await first.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id
  const assigned = await lead.post(`/api/accompaniments/${caseId}/assign`, { primaryWorkerId: first.userId, coWorkerIds: [co.userId] })
  expect(assigned.statusCode, assigned.body).toBe(200)
})
afterAll(() => t.close())

const url = (taskId = '') => `/api/accompaniments/${caseId}/tasks${taskId ? `/${taskId}` : ''}`
const body = (over: Record<string, unknown> = {}) => ({
  title: 'Appeler le SAJ',
  dueDate: '2027-01-12',
  dueTime: '14:30',
  assigneeId: first.userId,
  ...over,
})

it('gives a task a due time at creation (or none), and checks its shape', async () => {
  const timed = await first.post(url(), { title: 'Visite', dueDate: '2027-01-10', dueTime: '09:15' })
  expect(timed.statusCode, timed.body).toBe(201)
  expect(json(timed)).toMatchObject({ dueDate: '2027-01-10', dueTime: '09:15' })
  expect(json(await first.post(url(), { title: 'Sans heure', dueDate: '2027-01-10' }))).toMatchObject({ dueTime: null })
  for (const dueTime of ['24:00', '9:15', '14h30']) {
    const bad = await first.post(url(), { title: 'X', dueDate: '2027-01-10', dueTime })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toContain('application/problem+json')
    expect(json(bad).errors[0]).toMatchObject({ field: expect.stringMatching(/dueTime$/) })
  }
})

it('edits title, date and time with If-Match (428 without, 412 stale); the title stays sealed; audited without it', async () => {
  const task = json(await first.post(url(), { title: 'Rappeler la mère', dueDate: '2027-01-05' }))
  expect((await first.put(url(task.id), body())).statusCode).toBe(428)
  expect((await first.put(url(task.id), body(), { 'if-match': '"3"' })).statusCode).toBe(412)
  const edited = await first.put(url(task.id), body({ title: 'Rappeler la mère de Yanis' }), { 'if-match': '"1"' })
  expect(edited.statusCode, edited.body).toBe(200)
  expect(json(edited)).toMatchObject({ title: 'Rappeler la mère de Yanis', dueDate: '2027-01-12', dueTime: '14:30', version: 2 })
  expect(edited.headers.etag).toBe('"2"')
  const raw = await t.services.db.selectFrom('tasks').select('title_sealed').where('id', '=', task.id).executeTakeFirstOrThrow()
  expect(raw.title_sealed).not.toContain('Yanis')
  const entry = (await auditRows(t.services, 'task.updated')).at(-1)
  expect(entry).toMatchObject({ subject_type: 'task', subject_id: task.id, actor_id: first.userId })
  expect(JSON.stringify(entry)).not.toContain('Rappeler')
  const empty = await first.put(url(task.id), body({ title: '  ' }), { 'if-match': '"2"' })
  expect(json(empty).errors[0]).toMatchObject({ field: expect.stringMatching(/title$/) })
  // The refused write changed nothing.
  expect(json(await first.get(url())).items.find((x: { id: string }) => x.id === task.id)).toMatchObject({ version: 2 })
})

it("reassigns a task to another of the case's workers only: a teammate off the case is refused with problem+json", async () => {
  const task = json(await first.post(url(), { title: 'Préparer le bilan', dueDate: '2027-02-01' }))
  const refused = await first.put(url(task.id), body({ assigneeId: teammate.userId }), { 'if-match': '"1"' })
  expect(refused.statusCode).toBe(400)
  expect(refused.headers['content-type']).toContain('application/problem+json')
  expect(json(refused).errors[0]).toMatchObject({ field: 'assigneeId', code: 'not_a_case_worker' })
  expect((await first.put(url(task.id), body({ assigneeId: outsider.userId }), { 'if-match': '"1"' })).statusCode).toBe(400)
  expect(json(await first.get(url())).items.find((x: { id: string }) => x.id === task.id)).toMatchObject({
    assigneeId: first.userId,
    version: 1,
  })

  const handed = await first.put(url(task.id), body({ title: 'Préparer le bilan', assigneeId: co.userId }), { 'if-match': '"1"' })
  expect(handed.statusCode, handed.body).toBe(200)
  expect(json(handed)).toMatchObject({ assigneeId: co.userId, version: 2 })
  const entry = (await auditRows(t.services, 'task.updated')).at(-1)
  const details: unknown = entry?.details
  expect(typeof details === 'string' ? JSON.parse(details) : details).toMatchObject({
    reassignedFrom: first.userId,
    reassignedTo: co.userId,
  })
  // The co-worker now has it on their day; the teammate off the case cannot even see it.
  expect(
    json(await co.get('/api/my-day'))
      .dueThisWeek.concat(json(await co.get(url())).items)
      .map((x: { id: string }) => x.id),
  ).toContain(task.id)
  expect((await teammate.put(url(task.id), body({ assigneeId: teammate.userId }), { 'if-match': '"2"' })).statusCode).toBe(404)
  expect((await outsider.put(url(task.id), body(), { 'if-match': '"2"' })).statusCode).toBe(404)
})
