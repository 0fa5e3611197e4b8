import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { toJson } from '../../db/json'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let outsider: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

async function newCase() {
  const person = json(await worker.post('/api/persons', { firstName: 'Samir', lastName: 'Dewulf' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  expect((await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: worker.userId })).statusCode).toBe(200)
  return { id: acc.id as string, personId: person.id as string }
}

const event = (over: Record<string, unknown> = {}) => ({
  precision: 'day',
  date: '2019-03-14',
  phase: 'turning_point',
  domain: 'family',
  valence: -2,
  title: 'Décès de son grand-père',
  description: 'Il dit que tout a basculé après les funérailles.',
  ...over,
})

it('records events of mixed precision and lists them in chronological order', async () => {
  const c = await newCase()
  const url = `/api/accompaniments/${c.id}/trajectory`
  const created = await worker.post(url, event())
  expect(created.statusCode, created.body).toBe(201)
  expect(created.headers.etag).toBe('"1"')
  expect(json(created)).toMatchObject({
    kind: 'event',
    precision: 'day',
    date: '2019-03-14',
    valence: -2,
    version: 1,
    goalIds: [],
    createdBy: 'Test worker',
  })
  const year = await worker.post(
    url,
    event({ precision: 'year', date: '2019', phase: 'before', title: 'Déménagement à Molenbeek', valence: 0, domain: null }),
  )
  expect(year.statusCode, year.body).toBe(201)
  const month = await worker.post(
    url,
    event({
      precision: 'month',
      date: '2019-03',
      phase: 'entry',
      title: 'Premiers contacts en ligne',
      domain: 'relationships',
      valence: -1,
      description: null,
    }),
  )
  const later = await worker.post(
    url,
    event({ precision: 'month', date: '2021-11', phase: 'disengagement', title: 'Quitte le groupe Telegram', valence: 2 }),
  )
  const earlier = await worker.post(
    url,
    event({ precision: 'year', date: '2012', phase: 'before', title: 'Exclusion scolaire', domain: 'schooling', valence: -1 }),
  )
  for (const r of [month, later, earlier]) expect(r.statusCode, r.body).toBe(201)

  const items = json(await worker.get(url)).items
  expect(items.map((e: { date: string }) => e.date)).toEqual(['2012', '2019', '2019-03', '2019-03-14', '2021-11'])
  expect(items[1]).toMatchObject({ precision: 'year', domain: null, title: 'Déménagement à Molenbeek' })
  expect(items[2].description).toBeNull()
})

it('names the field when the date does not match its precision, or phases and links are misplaced', async () => {
  const c = await newCase()
  const post = (body: unknown) => worker.post(`/api/accompaniments/${c.id}/trajectory`, body)
  const cases: [Record<string, unknown>, string, string][] = [
    [{ precision: 'year', date: '2019-03' }, 'date', 'does_not_match_precision'],
    [{ precision: 'month', date: '2019-13' }, 'date', 'does_not_match_precision'],
    [{ precision: 'day', date: '2019-02-30' }, 'date', 'does_not_match_precision'],
    [{ phase: null }, 'phase', 'required_for_event'],
    [{ kind: 'future', phase: 'entry' }, 'phase', 'only_for_event'],
    [{ goalIds: ['7b1f9a52-3c2d-4e8f-9a6b-1c2d3e4f5a6b'] }, 'goalIds', 'only_for_future'],
    [{ valence: 3 }, 'valence', 'too_big'],
    [{ title: '' }, 'title', 'too_small'],
  ]
  for (const [over, field, code] of cases) {
    const res = await post(event(over))
    expect(res.statusCode, JSON.stringify(over)).toBe(400)
    expect(json(res).errors[0], JSON.stringify(over)).toMatchObject({ field, code })
  }
  expect(json(await worker.get(`/api/accompaniments/${c.id}/trajectory`)).items).toEqual([])
})

it('links future goals to goals of the current plan only', async () => {
  const c = await newCase()
  const plan = json(
    await worker.put(
      `/api/accompaniments/${c.id}/plan`,
      { goals: [{ domain: 'employment', title: 'Devenir électricien', steps: [] }] },
      { 'if-match': '"0"' },
    ),
  )
  const goalId = plan.goals[0].id
  const future = {
    kind: 'future',
    precision: 'year',
    date: '2028',
    phase: null,
    domain: 'employment',
    valence: 2,
    title: 'Avoir mon propre atelier',
  }
  const bad = await worker.post(`/api/accompaniments/${c.id}/trajectory`, {
    ...future,
    goalIds: [goalId, '7b1f9a52-3c2d-4e8f-9a6b-1c2d3e4f5a6b'],
  })
  expect(bad.statusCode).toBe(400)
  expect(json(bad).errors[0]).toMatchObject({ field: 'goalIds.1', code: 'unknown_goal' })
  const ok = await worker.post(`/api/accompaniments/${c.id}/trajectory`, { ...future, goalIds: [goalId] })
  expect(ok.statusCode, ok.body).toBe(201)
  expect(json(ok)).toMatchObject({ kind: 'future', phase: null, goalIds: [goalId] })
})

it('updates with If-Match and deletes a mistaken entry, each change audited', async () => {
  const c = await newCase()
  const url = `/api/accompaniments/${c.id}/trajectory`
  const e = json(await worker.post(url, event()))
  expect((await worker.put(`${url}/${e.id}`, event({ title: 'Décès du grand-père' }))).statusCode).toBe(428)
  const updated = await worker.put(`${url}/${e.id}`, event({ title: 'Décès du grand-père', precision: 'month', date: '2019-03' }), {
    'if-match': '"1"',
  })
  expect(updated.statusCode, updated.body).toBe(200)
  expect(updated.headers.etag).toBe('"2"')
  expect(json(updated)).toMatchObject({ title: 'Décès du grand-père', precision: 'month', date: '2019-03', version: 2 })
  expect((await worker.put(`${url}/${e.id}`, event(), { 'if-match': '"1"' })).statusCode).toBe(412)

  expect((await worker.request('DELETE', `${url}/${e.id}`)).statusCode).toBe(428)
  expect((await worker.request('DELETE', `${url}/${e.id}`, undefined, { 'if-match': '"1"' })).statusCode).toBe(412)
  const deleted = await worker.request('DELETE', `${url}/${e.id}`, undefined, { 'if-match': '"2"' })
  expect(deleted.statusCode, deleted.body).toBe(204)
  expect(json(await worker.get(url)).items).toEqual([])
  expect((await worker.request('DELETE', `${url}/${e.id}`, undefined, { 'if-match': '"2"' })).statusCode).toBe(404)
  expect((await worker.put(`${url}/${e.id}`, event(), { 'if-match': '"2"' })).statusCode).toBe(404)

  const rows = (await auditRows(t.services)).filter((r) => r.subject_id === e.id)
  expect(rows.map((r) => [r.action, r.actor_id, r.person_id])).toEqual([
    ['trajectory.created', worker.userId, c.personId],
    ['trajectory.updated', worker.userId, c.personId],
    ['trajectory.deleted', worker.userId, c.personId],
  ])
  expect(JSON.stringify(rows)).not.toContain('grand-père')
})

it('keeps the trajectory inside the case: others get 404, a break-the-glass grant reads but does not write', async () => {
  const c = await newCase()
  const url = `/api/accompaniments/${c.id}/trajectory`
  const e = json(await worker.post(url, event()))
  expect((await outsider.get(url)).statusCode).toBe(404)
  expect((await outsider.post(url, event())).statusCode).toBe(404)
  expect((await outsider.put(`${url}/${e.id}`, event(), { 'if-match': '"1"' })).statusCode).toBe(404)
  expect((await outsider.request('DELETE', `${url}/${e.id}`, undefined, { 'if-match': '"1"' })).statusCode).toBe(404)
  // An event of another case is not reachable through this one.
  const other = await newCase()
  expect((await worker.put(`/api/accompaniments/${other.id}/trajectory/${e.id}`, event(), { 'if-match': '"1"' })).statusCode).toBe(404)

  const glass = await t.as(['worker'], { teamIds: [await t.team()] })
  expect(
    (await glass.post(`/api/accompaniments/${c.id}/break-glass`, { reason: 'Appel urgent de la famille, le référent est absent' }))
      .statusCode,
  ).toBe(200)
  expect(json(await glass.get(url)).items).toHaveLength(1)
  expect((await glass.post(url, event())).statusCode).toBe(403)
  expect((await glass.request('DELETE', `${url}/${e.id}`, undefined, { 'if-match': '"1"' })).statusCode).toBe(403)
  expect(json(await worker.get(url)).items).toHaveLength(1)
})

it('stores titles and descriptions sealed', async () => {
  const c = await newCase()
  const e = json(await worker.post(`/api/accompaniments/${c.id}/trajectory`, event()))
  const raw = await t.services.db.selectFrom('trajectory_events').selectAll().where('id', '=', e.id).executeTakeFirstOrThrow()
  expect(raw.title_sealed).toMatch(/^v1\./)
  expect(JSON.stringify(raw)).not.toContain('grand-père')
  expect(JSON.stringify(raw)).not.toContain('funérailles')
  expect(raw).toMatchObject({ date: '2019-03-14', date_precision: 'day', phase: 'turning_point', valence: -2 })
})

it('bounds a trajectory at 1000 entries, so that it is always read whole', async () => {
  const c = await newCase()
  const now = new Date().toISOString()
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    id: crypto.randomUUID(),
    accompaniment_id: c.id,
    kind: 'event' as const,
    date_precision: 'year' as const,
    date: String(1990 + (i % 30)),
    phase: 'before' as const,
    domain: null,
    valence: 0,
    title_sealed: 'v1.placeholder',
    description_sealed: null,
    goal_ids: toJson([]),
    created_by: worker.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  }))
  for (let i = 0; i < rows.length; i += 200)
    await t.services.db
      .insertInto('trajectory_events')
      .values(rows.slice(i, i + 200))
      .execute()
  const res = await worker.post(`/api/accompaniments/${c.id}/trajectory`, event())
  expect(res.statusCode).toBe(409)
  expect(json(res).code).toBe('state.invalid_transition')
})
