import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let outsider: Agent & { userId: string }

// The service's "now": the sessions below, dated early December, have all had their time.
const NOW = new Date('2026-12-10T12:00:00Z')

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(async () => {
  await t.close()
  vi.useRealTimers()
})

async function newCase(framework: Record<string, unknown> = { framework: 'voluntary' }) {
  const person = json(await worker.post('/api/persons', { firstName: 'Ayoub', lastName: 'Bouzid' }))
  return json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team, framework })).id as string
}

it('plans a session, then records it as held with encrypted notes and judicial attendance', async () => {
  const id = await newCase({ framework: 'judicial', measure: 'conditional_release', authorityKind: 'justice_house' })
  const planned = await worker.post(`/api/accompaniments/${id}/sessions`, {
    startsAt: '2026-12-02T09:30:00+01:00',
    durationMinutes: 45,
    modality: 'prison',
    place: 'Prison de Haren, parloir 3',
    participants: ['client', 'partner_professional'],
  })
  expect(planned.statusCode, planned.body).toBe(201)
  const s = json(planned)
  expect(s).toMatchObject({
    status: 'planned',
    startsAt: '2026-12-02T08:30:00.000Z',
    place: 'Prison de Haren, parloir 3',
    attendance: null,
    version: 1,
  })

  const early = await worker.put(`/api/accompaniments/${id}/sessions/${s.id}`, { ...body(s), attendance: 'present' }, { 'if-match': '"1"' })
  expect(json(early).errors[0]).toMatchObject({ field: 'attendance', code: 'not_yet_held' })
  const held = await worker.put(
    `/api/accompaniments/${id}/sessions/${s.id}`,
    { ...body(s), status: 'held', attendance: 'late', notes: 'Parle de son frère pour la première fois.' },
    { 'if-match': '"1"' },
  )
  expect(json(held)).toMatchObject({ status: 'held', attendance: 'late', notes: 'Parle de son frère pour la première fois.', version: 2 })
  const stale = await worker.put(`/api/accompaniments/${id}/sessions/${s.id}`, { ...body(s), status: 'missed' }, { 'if-match': '"1"' })
  expect(stale.statusCode).toBe(412)
  const list = json(await worker.get(`/api/accompaniments/${id}/sessions`)).items
  expect(list).toHaveLength(1)
  expect(list[0].status).toBe('held')
  const raw = await t.services.db
    .selectFrom('case_sessions')
    .select(['notes_sealed', 'place_sealed'])
    .where('id', '=', s.id)
    .executeTakeFirstOrThrow()
  expect(`${raw.notes_sealed}${raw.place_sealed}`).not.toContain('frère')
  expect(`${raw.place_sealed}`).not.toContain('Haren')
})

it('records attendance for judicial cases only', async () => {
  const id = await newCase()
  const res = await worker.post(`/api/accompaniments/${id}/sessions`, {
    startsAt: '2026-12-03T14:00:00Z',
    modality: 'office',
    status: 'held',
    attendance: 'present',
  })
  expect(json(res).errors[0]).toMatchObject({ field: 'attendance', code: 'judicial_only' })
})

it('keeps sessions inside the case: others get 404, and the calendar shows my week only', async () => {
  const id = await newCase()
  const s = json(await worker.post(`/api/accompaniments/${id}/sessions`, { startsAt: '2026-12-04T10:00:00Z', modality: 'video' }))
  expect((await outsider.get(`/api/accompaniments/${id}/sessions`)).statusCode).toBe(404)
  expect(
    (await outsider.post(`/api/accompaniments/${id}/sessions`, { startsAt: '2026-12-04T10:00:00Z', modality: 'video' })).statusCode,
  ).toBe(404)
  const week = json(await worker.get('/api/calendar?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z')).items
  expect(week.map((e: { id: string }) => e.id)).toContain(s.id)
  expect(week[0]).not.toHaveProperty('notes')
  expect(json(await worker.get('/api/calendar?from=2026-12-07T00:00:00Z&to=2026-12-14T00:00:00Z')).items).toEqual([])
  expect(json(await outsider.get('/api/calendar?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z')).items).toEqual([])
})

it('keeps the sessions of a closed case as they were: read, never changed (409)', async () => {
  const id = await newCase()
  const s = json(await worker.post(`/api/accompaniments/${id}/sessions`, { startsAt: '2026-12-05T10:00:00Z', modality: 'office' }))
  const lead = await t.as(['lead'], { teamIds: [team] })
  const requested = await worker.post(
    `/api/accompaniments/${id}/closure`,
    { outcome: 'other', reason: 'Déménagement' },
    { 'if-match': '"1"' },
  )
  expect(json(requested).status).toBe('closing')
  expect(json(await lead.post(`/api/accompaniments/${id}/closure/decision`, { approve: true }, { 'if-match': '"2"' })).status).toBe(
    'closed',
  )
  const added = await worker.post(`/api/accompaniments/${id}/sessions`, { startsAt: '2026-12-06T10:00:00Z', modality: 'office' })
  expect(added.statusCode).toBe(409)
  expect(json(added).code).toBe('state.invalid_transition')
  const held = await lead.put(`/api/accompaniments/${id}/sessions/${s.id}`, { ...body(s), status: 'held' }, { 'if-match': '"1"' })
  expect(held.statusCode).toBe(409)
  expect(json(await worker.get(`/api/accompaniments/${id}/sessions`)).items).toMatchObject([{ id: s.id, status: 'planned', version: 1 }])
})

it('refuses a session held or missed in the future (beyond a few minutes of clock tolerance), naming the field', async () => {
  const id = await newCase()
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString()
  for (const status of ['held', 'missed']) {
    const res = await worker.post(`/api/accompaniments/${id}/sessions`, { startsAt: at(24 * 60), modality: 'office', status, notes: 'x' })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(json(res).errors[0]).toMatchObject({ field: 'startsAt', code: 'in_future' })
  }
  // A few minutes ahead (clocks differ, a worker records as the session ends) is accepted.
  const soon = await worker.post(`/api/accompaniments/${id}/sessions`, { startsAt: at(4), modality: 'office', status: 'held' })
  expect(soon.statusCode, soon.body).toBe(201)
  expect(
    (await worker.post(`/api/accompaniments/${id}/sessions`, { startsAt: at(6), modality: 'office', status: 'held' })).statusCode,
  ).toBe(400)
  // Planned in the future is what planning is; turning that plan into "held" before its time is not.
  const planned = json(await worker.post(`/api/accompaniments/${id}/sessions`, { startsAt: at(7 * 24 * 60), modality: 'office' }))
  const early = await worker.put(
    `/api/accompaniments/${id}/sessions/${planned.id}`,
    { ...body(planned), status: 'held' },
    { 'if-match': '"1"' },
  )
  expect(json(early).errors[0]).toMatchObject({ field: 'startsAt', code: 'in_future' })
  const unchanged = json(await worker.get(`/api/accompaniments/${id}/sessions`)).items.find((s: { id: string }) => s.id === planned.id)
  expect(unchanged).toMatchObject({ status: 'planned', version: 1 })
})

function body(s: { startsAt: string; durationMinutes: number; modality: string; place: string | null; participants: string[] }) {
  return { startsAt: s.startsAt, durationMinutes: s.durationMinutes, modality: s.modality, place: s.place, participants: s.participants }
}
