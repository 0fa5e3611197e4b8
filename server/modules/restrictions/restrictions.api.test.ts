import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorCode } from '../../../common/contracts/problem.contracts'
import { type Permission, rolesGrant } from '../../../common/permissions'
import { API_ROUTES } from '../../app'
import type { Route } from '../../http/define-route'
import { CASE_RECIPES, routeKey, sendAs } from '../../test/case-recipes'
import { type CaseFixture, type CaseWorld, caseWorld, ifMatch, PEOPLE, type Relationship } from '../../test/case-world'
import { auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * RESTRICTION OF PROCESSING (GDPR art. 18). While the DPO keeps a person restricted, their data
 * stays stored, is read by the DPO and the lead of each case's team only, is listed and found
 * nowhere, and nothing changes it; lifting gives everything back. The case part is generated from
 * the route table and the case recipes, like the case matrix: every route that reaches a case.
 */
let t: TestApp
let world: CaseWorld

beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_DENIALS_PER_MINUTE: '100000' } })
  world = await caseWorld(t)
})
afterAll(() => t?.close())

const REASON = 'Exactitude contestée par la personne, vérification en cours'

async function restriction(personId: string) {
  const res = await world.as.dpo.get(`/api/persons/${personId}/restriction`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res)
}

async function restrictPerson(personId: string, extra: Record<string, unknown> = {}) {
  const { version } = await restriction(personId)
  const res = await world.as.dpo.post(`/api/persons/${personId}/restriction`, { reason: REASON, ...extra }, ifMatch(version))
  expect(res.statusCode, res.body).toBe(201)
  return json(res)
}

async function liftPerson(personId: string) {
  const { version } = await restriction(personId)
  const res = await world.as.dpo.post(`/api/persons/${personId}/restriction/lift`, { reason: 'Exactitude vérifiée' }, ifMatch(version))
  expect(res.statusCode, res.body).toBe(200)
  return json(res)
}

const refused = (res: Parameters<typeof json>[0]) => {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(423)
  const problem = json(res)
  expect(problem.code).toBe('processing.restricted')
  // It says that the processing is restricted, never why.
  expect(res.body).not.toContain('Exactitude')
}

describe('the restriction record', () => {
  let c: CaseFixture
  beforeAll(async () => {
    c = await world.newCase()
  })

  it('is the DPO’s: restricting needs If-Match on the person, seals the reason, and is audited', async () => {
    const before = await restriction(c.personId)
    expect(before).toMatchObject({ restricted: false, history: [] })
    const path = `/api/persons/${c.personId}/restriction`
    expect((await world.as.dpo.post(path, { reason: REASON })).statusCode).toBe(428)
    expect((await world.as.dpo.post(path, { reason: REASON }, ifMatch(before.version + 5))).statusCode).toBe(412)
    const bad = await world.as.dpo.post(path, { reason: '' }, ifMatch(before.version))
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors.map((e: { field: string }) => e.field)).toContain('reason')
    for (const rel of ['assigned', 'teamLead', 'admin'] as const)
      expect((await world.as[rel].post(path, { reason: REASON }, ifMatch(before.version))).statusCode, rel).toBe(403)

    const ask = (kind: string) =>
      world.as.dpo
        .post('/api/dpo/requests', {
          kind,
          personId: c.personId,
          requester: 'subject',
          channel: 'letter',
          identityCheck: 'id_document_seen',
          receivedOn: '2026-11-30',
        })
        .then((res) => {
          expect(res.statusCode, res.body).toBe(201)
          return json(res).id as string
        })
    // The request must be one of restriction, about this person.
    const access = await ask('access')
    const wrong = await world.as.dpo.post(path, { reason: REASON, requestId: access }, ifMatch(before.version))
    expect(wrong.statusCode).toBe(400)
    expect(json(wrong).errors[0].field).toBe('requestId')
    const requestId = await ask('restriction')
    const after = await restrictPerson(c.personId, { requestId })
    expect(after).toMatchObject({ restricted: true, version: before.version + 1 })
    expect(after.history).toHaveLength(1)
    expect(after.history[0]).toMatchObject({ reason: REASON, requestId, liftedAt: null, accompanimentId: null })
    // A second restriction of what is restricted already is refused.
    expect((await world.as.dpo.post(path, { reason: REASON }, ifMatch(after.version))).statusCode).toBe(409)

    const entries = await auditRows(t.services, 'person.restricted')
    const entry = entries.find((e) => e.subject_id === c.personId)
    expect(entry, 'audit entry of the restriction').toBeTruthy()
    expect(JSON.stringify(entry)).not.toContain('Exactitude')

    const lifted = await liftPerson(c.personId)
    expect(lifted.restricted).toBe(false)
    expect(lifted.history[0]).toMatchObject({ liftReason: 'Exactitude vérifiée' })
    expect(lifted.history[0].liftedAt).toBeTruthy()
    // Nothing left to lift.
    const again = await world.as.dpo.post(`${path}/lift`, { reason: 'Encore' }, ifMatch(lifted.version))
    expect(again.statusCode).toBe(409)
  })

  it('is found by the DPO from the person code, never by name', async () => {
    const code = json(await world.owner.get(`/api/persons/${c.personId}`)).code
    const res = await world.as.dpo.post('/api/restrictions/lookup', { code })
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res).personId).toBe(c.personId)
    expect(res.body).not.toContain('Bilal')
    expect((await world.as.dpo.post('/api/restrictions/lookup', { code: 'P-ZZZZZZ' })).statusCode).toBe(404)
  })
})

describe('a restricted person', () => {
  let c: CaseFixture
  let name: string
  beforeAll(async () => {
    c = await world.newCase()
    name = json(await world.owner.get(`/api/persons/${c.personId}`)).lastName
    // Seen once by the worker and the lead, so that it is in their recently viewed lists.
    await world.as.teamLead.get(`/api/accompaniments/${c.id}`)
    await restrictPerson(c.personId)
  })

  it('is read by the lead of the case’s team, marked restricted, and by nobody else', async () => {
    const lead = await world.as.teamLead.get(`/api/persons/${c.personId}`)
    expect(lead.statusCode, lead.body).toBe(200)
    expect(json(lead).restricted).toBe(true)
    const acc = await world.as.teamLead.get(`/api/accompaniments/${c.id}`)
    expect(acc.statusCode).toBe(200)
    expect(json(acc).restricted).toBe(true)
    // Their registrar and worker, the co-worker, break-the-glass: told that it is restricted.
    for (const rel of ['assigned', 'coWorker', 'breakGlass'] as const) refused(await world.as[rel].get(`/api/persons/${c.personId}`))
    for (const rel of ['otherWorker', 'otherTeamLead', 'intake'] as const)
      expect((await world.as[rel].get(`/api/persons/${c.personId}`)).statusCode, rel).toBe(404)
  })

  it('is changed by nobody, not even the lead', async () => {
    const person = json(await world.as.teamLead.get(`/api/persons/${c.personId}`))
    const body = { firstName: person.firstName, lastName: 'Autre' }
    for (const rel of ['assigned', 'teamLead'] as const)
      refused(await world.as[rel].request('PUT', `/api/persons/${c.personId}`, body, ifMatch(person.version)))
    // No new case for them, nor about them.
    refused(await world.as.assigned.post('/api/accompaniments', { kind: 'concerned', personId: c.personId, teamId: world.teamA }))
    refused(await world.as.teamLead.post('/api/accompaniments', { kind: 'concerned', personId: c.personId, teamId: world.teamA }))
  })

  it('is found by no search and in no list', async () => {
    const code = json(await world.as.teamLead.get(`/api/persons/${c.personId}`)).code
    for (const rel of ['assigned', 'teamLead'] as const) {
      const as = world.as[rel]
      for (const q of [`Bilal ${name}`, code, c.code]) {
        const found = await as.post('/api/persons/search', { q, reason: 'find_client' })
        expect(found.statusCode, found.body).toBe(200)
        expect(found.body, `${rel} person search "${q}"`).not.toContain(c.personId)
        const global = await as.post('/api/search', { q })
        expect(global.statusCode, global.body).toBe(200)
        expect(global.body, `${rel} global search`).not.toContain(c.personId)
        expect(global.body).not.toContain(c.id)
      }
      for (const path of ['/api/accompaniments', '/api/my-day', '/api/me/recent', `/api/accompaniments?workerId=${world.as[rel].userId}`]) {
        const list = await as.get(path)
        expect(list.statusCode, `${rel} ${path}: ${list.body.slice(0, 200)}`).toBe(200)
        expect(list.body, `${rel} ${path}`).not.toContain(c.id)
        expect(list.body, `${rel} ${path}`).not.toContain(c.personId)
      }
    }
    const dashboard = await world.as.teamLead.get(`/api/dashboard/caseload?teamId=${world.teamA}`)
    expect(dashboard.statusCode, dashboard.body).toBe(200)
    expect(dashboard.body).not.toContain(c.id)
    expect(dashboard.body).not.toContain(c.code)
  })

  it('counts in no statistics, and counts again once lifted', async () => {
    const other = await world.newCase()
    const total = async () => json(await world.as.teamLead.get('/api/accompaniments')).total as number
    const count = async () =>
      (json(await world.as.teamLead.get(`/api/dashboard/caseload?teamId=${world.teamA}`)).byStatus as { status: string; n: number }[]) ?? []
    const [before, statsBefore] = [await total(), JSON.stringify(await count())]
    await restrictPerson(other.personId)
    expect(await total()).toBe(before - 1)
    expect(JSON.stringify(await count())).not.toBe(statsBefore)
    await liftPerson(other.personId)
    expect(await total()).toBe(before)
    expect(JSON.stringify(await count())).toBe(statsBefore)
  })

  it('comes back everywhere once lifted', async () => {
    const other = await world.newCase()
    await restrictPerson(other.personId)
    refused(await world.owner.get(`/api/persons/${other.personId}`))
    await liftPerson(other.personId)
    const person = await world.owner.get(`/api/persons/${other.personId}`)
    expect(person.statusCode).toBe(200)
    expect(json(person).restricted).toBe(false)
    const list = await world.owner.get('/api/accompaniments')
    expect(list.body).toContain(other.id)
    const found = await world.owner.post('/api/persons/search', { q: json(person).code })
    expect(found.body).toContain(other.personId)
    const updated = await world.owner.request(
      'PUT',
      `/api/persons/${other.personId}`,
      { firstName: 'Bilal', lastName: json(person).lastName },
      ifMatch(json(person).version),
    )
    expect(updated.statusCode, updated.body).toBe(200)
  })
})

describe('one case of a person', () => {
  it('is restricted alone: the person and their other cases stay as they were', async () => {
    const c = await world.newCase()
    const second = await world.owner.post('/api/accompaniments', { kind: 'concerned', personId: c.personId, teamId: world.teamA })
    expect(second.statusCode, second.body).toBe(201)
    await restrictPerson(c.personId, { accompanimentId: c.id })
    refused(await world.owner.get(`/api/accompaniments/${c.id}`))
    expect((await world.owner.get(`/api/persons/${c.personId}`)).statusCode).toBe(200)
    expect((await world.owner.get(`/api/accompaniments/${json(second).id}`)).statusCode).toBe(200)
    await liftPerson(c.personId)
    expect((await world.owner.get(`/api/accompaniments/${c.id}`)).statusCode).toBe(200)
  })

  it('must be one of the person’s', async () => {
    const a = await world.newCase()
    const b = await world.newCase()
    const { version } = await restriction(a.personId)
    const res = await world.as.dpo.post(
      `/api/persons/${a.personId}/restriction`,
      { reason: REASON, accompanimentId: b.id },
      ifMatch(version),
    )
    expect(res.statusCode).toBe(404)
  })
})

// ---- Every route that reaches a case ---------------------------------------------------------

const CASE_PREFIX = '/api/accompaniments/:id'
const CASE_ROUTES = API_ROUTES.filter((r) => r.caseAccess && (r.path === CASE_PREFIX || r.path.startsWith(`${CASE_PREFIX}/`)))
const CHECKED: Relationship[] = ['assigned', 'coWorker', 'teamLead', 'breakGlass', 'otherWorker', 'otherTeamLead', 'intake', 'dpo']
const WOULD_SEE = new Set<Relationship>(['assigned', 'coWorker', 'breakGlass'])

type Expected = { status: number; code?: ErrorCode }
const grants = (rel: Relationship, route: Route) => rolesGrant(PEOPLE[rel].roles, route.allow as Permission)

/** On a restricted case: the lead reads; those who would see it are told it is restricted; others learn nothing. */
function whileRestricted(route: Route, rel: Relationship): Expected {
  if (!grants(rel, route)) return { status: 403, code: 'access.forbidden' }
  if (route.caseAccess === 'outside') return { status: 423, code: 'processing.restricted' }
  if (rel === 'teamLead') return route.caseAccess === 'read' ? { status: route.status } : { status: 423, code: 'processing.restricted' }
  if (WOULD_SEE.has(rel)) return { status: 423, code: 'processing.restricted' }
  return { status: 404, code: 'resource.not_found' }
}

describe.each(CASE_ROUTES.map((r) => [routeKey(r), r] as const))('%s', (_key, route) => {
  it('refuses while restricted, and works again once lifted', async () => {
    const recipe = CASE_RECIPES[routeKey(route)]
    expect(recipe, `recipe of ${routeKey(route)}`).toBeTruthy()
    const c = await world.newCase()
    const req = await recipe!(c)
    await restrictPerson(c.personId)
    for (const rel of CHECKED) {
      const want = whileRestricted(route, rel)
      const res = await sendAs(world.as[rel], route, c, req)
      expect(res.statusCode, `${rel} on ${routeKey(route)} (restricted): ${res.body.slice(0, 300)}`).toBe(want.status)
      if (want.code) expect(json(res).code).toBe(want.code)
    }
    await liftPerson(c.personId)
    // The case's worker, or the lead for what only a lead does.
    const rel: Relationship = grants('assigned', route) ? 'assigned' : 'teamLead'
    const res = await sendAs(world.as[rel], route, c, req)
    const status = route.caseAccess === 'outside' ? 409 : route.status
    expect(res.statusCode, `${rel} on ${routeKey(route)} (lifted): ${res.body.slice(0, 300)}`).toBe(status)
  })
})
