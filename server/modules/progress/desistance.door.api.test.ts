import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Route } from '../../http/define-route'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { assessmentRoutes } from '../assessments/assessments.routes'
import { networkRoutes } from '../network/network.routes'
import { planRoutes } from '../plans/plans.routes'
import { trajectoryRoutes } from '../trajectory/trajectory.routes'
import { progressRoutes } from './progress.routes'

/**
 * Every route of the desistance modules (answer sets, plan, trajectory, network, progress and
 * the person's summary) against every way of standing before a case. The matrix is generated
 * from the route table, so that a route added later is held to the same door.
 */
const ROUTES: Route[] = [...assessmentRoutes, ...planRoutes, ...trajectoryRoutes, ...networkRoutes, ...progressRoutes]
const reads = ROUTES.filter((r) => r.method === 'GET')
const writes = ROUTES.filter((r) => r.method !== 'GET')

const TIE = { name: 'Maman', kind: 'person', relation: 'family', strength: 2, valence: 'supportive' }
const EVENT = { precision: 'year', date: '2019', phase: 'before', title: 'Déménagement' }
const BODIES: Record<string, unknown> = {
  'POST /api/accompaniments/:id/assessments': { instrument: 'motivations', takenOn: '2026-11-02', answers: {} },
  'PUT /api/accompaniments/:id/assessments/:assessmentId': { takenOn: '2026-11-03', answers: {} },
  'PUT /api/accompaniments/:id/plan': { goals: [{ domain: 'housing', title: 'Un logement', steps: [] }] },
  'POST /api/accompaniments/:id/trajectory': EVENT,
  'PUT /api/accompaniments/:id/trajectory/:eventId': { ...EVENT, date: '2020' },
  'POST /api/accompaniments/:id/network': { takenOn: '2026-11-02', ties: [TIE] },
  'PUT /api/accompaniments/:id/network/:snapshotId': { takenOn: '2026-11-02', ties: [TIE] },
}

type Fixture = { caseId: string; personId: string; assessmentId: string; eventId: string; snapshots: [string, string] }

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let outsider: Agent & { userId: string }
let glass: Agent & { userId: string }
let open: Fixture
let closed: Fixture

/** A case of the worker with one row of each kind: an answer set, a plan, an event, two snapshots. */
async function caseWithRows(): Promise<Fixture> {
  const person = json(await worker.post('/api/persons', { firstName: 'Nordine', lastName: 'Matrice' }))
  const caseId = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id as string
  const base = `/api/accompaniments/${caseId}`
  const ok = <T>(res: { statusCode: number; body: string }, status = 201): T => {
    expect(res.statusCode, res.body).toBe(status)
    return JSON.parse(res.body) as T
  }
  const assessment = ok<{ id: string }>(await worker.post(`${base}/assessments`, BODIES['POST /api/accompaniments/:id/assessments']))
  ok(await worker.put(`${base}/plan`, BODIES['PUT /api/accompaniments/:id/plan'], { 'if-match': '"0"' }), 200)
  const event = ok<{ id: string }>(await worker.post(`${base}/trajectory`, EVENT))
  const first = ok<{ id: string }>(await worker.post(`${base}/network`, { takenOn: '2026-01-02', ties: [TIE] }))
  const second = ok<{ id: string }>(await worker.post(`${base}/network`, { takenOn: '2026-06-02', ties: [] }))
  return { caseId, personId: person.id, assessmentId: assessment.id, eventId: event.id, snapshots: [first.id, second.id] }
}

/** The route called on this case's rows, with a valid body and If-Match, so that only the door can refuse. */
function call(agent: Agent, route: Route, f: Fixture) {
  const url =
    route.path
      .replace(':id', f.caseId)
      .replace(':assessmentId', f.assessmentId)
      .replace(':version', '1')
      .replace(':eventId', f.eventId)
      .replace(':snapshotId', f.snapshots[0]) + (route.path.endsWith('/compare') ? `?from=${f.snapshots[0]}&to=${f.snapshots[1]}` : '')
  const headers: Record<string, string> = route.method === 'GET' ? {} : { 'if-match': '"1"' }
  return agent.request(route.method, url, BODIES[`${route.method} ${route.path}`], headers)
}

const name = (r: Route) => `${r.method} ${r.path}`

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  const other = await t.team()
  outsider = await t.as(['worker'], { teamIds: [other] })
  glass = await t.as(['worker'], { teamIds: [other] })
  open = await caseWithRows()
  closed = await caseWithRows()
  const version = async () => ({ 'if-match': `"${json(await worker.get(`/api/accompaniments/${closed.caseId}`)).version}"` })
  const closure = { outcome: 'goals_reached', reason: 'Objectifs atteints' }
  expect((await worker.post(`/api/accompaniments/${closed.caseId}/closure`, closure, await version())).statusCode).toBe(200)
  expect((await lead.post(`/api/accompaniments/${closed.caseId}/closure/decision`, { approve: true }, await version())).statusCode).toBe(
    200,
  )
  const reason = { reason: 'Appel urgent de la famille, le référent est absent' }
  expect((await glass.post(`/api/accompaniments/${open.caseId}/break-glass`, reason)).statusCode).toBe(200)
})
afterAll(() => t.close())

it('puts every route of the desistance modules behind the case door: reads open it to read, writes to change', () => {
  expect(ROUTES.length).toBe(18)
  for (const r of ROUTES) {
    expect(r.path, name(r)).toMatch(/^\/api\/accompaniments\/:id(\/|$)/)
    expect(r.caseAccess, name(r)).toBe(r.method === 'GET' ? 'read' : 'change')
  }
})

it('hides every part from a worker of another team: 404, as if the case did not exist', async () => {
  for (const r of ROUTES) expect((await call(outsider, r, open)).statusCode, name(r)).toBe(404)
})

it("shows every part to the case's worker and to its team's lead", async () => {
  for (const agent of [worker, lead]) for (const r of reads) expect((await call(agent, r, open)).statusCode, name(r)).toBe(200)
})

it('lets a break-the-glass reader read every part, audited against the client, and change none', async () => {
  const before = (await auditRows(t.services)).length
  for (const r of reads) expect((await call(glass, r, open)).statusCode, name(r)).toBe(200)
  const entries = (await auditRows(t.services)).slice(before)
  expect(entries.map((e) => [e.actor_id, e.person_id])).toEqual(reads.map(() => [glass.userId, open.personId]))
  const indexed = await t.services.db
    .selectFrom('audit_persons')
    .select('seq')
    .where('person_id', '=', open.personId)
    .where(
      'seq',
      'in',
      entries.map((e) => e.seq),
    )
    .execute()
  expect(indexed).toHaveLength(reads.length)

  for (const r of writes) {
    const res = await call(glass, r, open)
    expect(res.statusCode, name(r)).toBe(403)
    expect(json(res).code, name(r)).toBe('access.forbidden')
  }
})

it('keeps a closed case as it was: every part is read, none changed', async () => {
  for (const r of reads) expect((await call(worker, r, closed)).statusCode, name(r)).toBe(200)
  for (const r of writes) {
    const res = await call(worker, r, closed)
    expect(res.statusCode, name(r)).toBe(409)
    expect(json(res).code, name(r)).toBe('state.invalid_transition')
  }
})

it('left the rows the refused writes aimed at as they were', async () => {
  for (const f of [open, closed]) {
    const base = `/api/accompaniments/${f.caseId}`
    expect(json(await worker.get(`${base}/assessments/${f.assessmentId}`))).toMatchObject({ version: 1, takenOn: '2026-11-02' })
    expect(json(await worker.get(`${base}/plan`)).version).toBe(1)
    expect(json(await worker.get(`${base}/trajectory`)).items).toEqual([expect.objectContaining({ id: f.eventId, version: 1 })])
    expect(json(await worker.get(`${base}/network`)).items.map((s: { version: number }) => s.version)).toEqual([1, 1])
  }
})
