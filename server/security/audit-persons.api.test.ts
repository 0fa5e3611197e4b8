import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_ROUTES } from '../app'
import { CASE_RECIPES, type Recipe, routeKey, sendAs } from '../test/case-recipes'
import { type CaseFixture, type CaseWorld, caseWorld, type Relationship } from '../test/case-world'
import { json, startTestApp, type TestApp, serviceDate } from '../test/harness'
import { EXCLUDED } from './audit-persons.excluded'

/**
 * EVERY RESPONSE THAT SHOWS A PERSON RECORDS THEM. For every GET route of the route table, over
 * a seeded family (a mother who asked for help, her son concerned, his sister registered and
 * involved, a cousin whose case waits for a worker), the audit entry of the request (found by
 * its `X-Request-Id`) lists in `audit_persons` every person whose id or code appears in the
 * response, and the client of every case whose id or code appears in it (or in its path): the
 * DPO's "who saw this person" then includes lists.
 */
let t: TestApp
let w: CaseWorld
const seed = {} as {
  mother: string
  son: string
  sister: string
  cousin: string
  cousinCase: string
  main: CaseFixture
  sonCase: string
  sisterCase: string
  contact: string
  sheet: { id: string; code: string }
  exception: string
}

/** `shows`: the seed puts someone in this answer, so it must show at least one person. */
type Call = { as: Relationship; url: () => string; shows?: true }
/** How to call the GET routes that are not case routes (case routes use their recipe). */
const CALLS: Record<string, Call[]> = {
  'GET /api/health': [{ as: 'assigned', url: () => '/api/health' }],
  'GET /api/ready': [{ as: 'assigned', url: () => '/api/ready' }],
  'GET /api/openapi.json': [{ as: 'assigned', url: () => '/api/openapi.json' }],
  'GET /api/me': [{ as: 'assigned', url: () => '/api/me' }],
  'GET /api/me/privacy-screen': [{ as: 'assigned', url: () => '/api/me/privacy-screen' }],
  'GET /api/users': [{ as: 'admin', url: () => '/api/users' }],
  'GET /api/users/:id': [{ as: 'admin', url: () => `/api/users/${w.owner.userId}` }],
  'GET /api/teams': [{ as: 'admin', url: () => '/api/teams' }],
  'GET /api/teams/:id/members': [{ as: 'teamLead', url: () => `/api/teams/${w.teamA}/members` }],
  'GET /api/persons/:id': [
    { as: 'assigned', url: () => `/api/persons/${seed.mother}`, shows: true },
    { as: 'assigned', url: () => `/api/persons/${seed.son}`, shows: true },
    { as: 'breakGlass', url: () => `/api/persons/${seed.mother}`, shows: true },
  ],
  'GET /api/persons/:id/cases': [
    { as: 'assigned', url: () => `/api/persons/${seed.son}/cases`, shows: true },
    { as: 'teamLead', url: () => `/api/persons/${seed.mother}/cases`, shows: true },
    { as: 'breakGlass', url: () => `/api/persons/${seed.son}/cases`, shows: true },
  ],
  // After the person reads above: the persons and cases each opened, shown again through the doors.
  'GET /api/me/recent': [
    { as: 'assigned', url: () => '/api/me/recent', shows: true },
    { as: 'breakGlass', url: () => '/api/me/recent', shows: true },
  ],
  'GET /api/accompaniments': (['assigned', 'teamLead', 'breakGlass'] as const).map((as) => ({
    as,
    url: () => '/api/accompaniments',
    shows: true,
  })),
  'GET /api/dashboard/caseload': [{ as: 'teamLead', url: () => `/api/dashboard/caseload?teamId=${w.teamA}`, shows: true }],
  'GET /api/calendar': [
    { as: 'assigned', url: () => `/api/calendar?from=${day(-1)}T00:00:00Z&to=${day(7)}T00:00:00Z`, shows: true },
    { as: 'teamLead', url: () => `/api/calendar?from=${day(-1)}T00:00:00Z&to=${day(7)}T00:00:00Z&scope=team`, shows: true },
  ],
  'GET /api/calendar/cases': [{ as: 'assigned', url: () => '/api/calendar/cases', shows: true }],
  'GET /api/my-day': [{ as: 'assigned', url: () => '/api/my-day', shows: true }],
  'GET /api/sheets': [{ as: 'assigned', url: () => '/api/sheets?language=fr&q=parents' }],
  'GET /api/sheets/:id': [{ as: 'assigned', url: () => `/api/sheets/${seed.sheet.id}?language=fr` }],
  'GET /api/sheets/:id/texts/:language/versions': [{ as: 'assigned', url: () => `/api/sheets/${seed.sheet.id}/texts/fr/versions` }],
  'GET /api/sheets/:id/texts/:language/versions/:version': [
    { as: 'assigned', url: () => `/api/sheets/${seed.sheet.id}/texts/fr/versions/1` },
  ],
  'GET /api/public/sheets': [{ as: 'assigned', url: () => '/api/public/sheets?language=fr' }],
  'GET /api/public/sheets/:code': [{ as: 'assigned', url: () => `/api/public/sheets/${seed.sheet.code}?language=fr` }],
  'GET /api/access-grants': [
    { as: 'teamLead', url: () => '/api/access-grants', shows: true },
    { as: 'dpo', url: () => '/api/access-grants', shows: true },
  ],
  'GET /api/instruments': [{ as: 'assigned', url: () => '/api/instruments' }],
  'GET /api/instruments/:code/versions/:version': [{ as: 'assigned', url: () => '/api/instruments/motivations/versions/1' }],
  'GET /api/postcodes': [{ as: 'assigned', url: () => '/api/postcodes?q=1000' }],
  'GET /api/audit/verify': [{ as: 'dpo', url: () => '/api/audit/verify' }],
  'GET /api/contacts': (['intake', 'teamLead', 'assigned'] as const).map((as) => ({ as, url: () => '/api/contacts', shows: true })),
  'GET /api/contacts/queue': (['intake', 'teamLead'] as const).map((as) => ({ as, url: () => '/api/contacts/queue', shows: true })),
  'GET /api/contacts/:id': (['intake', 'teamLead', 'assigned'] as const).map((as) => ({
    as,
    url: () => `/api/contacts/${seed.contact}`,
    shows: true,
  })),
  'GET /api/contacts/:id/history': [{ as: 'teamLead', url: () => `/api/contacts/${seed.contact}/history`, shows: true }],
  'GET /api/contacts/:id/triage': [{ as: 'intake', url: () => `/api/contacts/${seed.contact}/triage` }],
  'GET /api/contacts/:id/information-given': [{ as: 'intake', url: () => `/api/contacts/${seed.contact}/information-given` }],
  'GET /api/contacts/:id/exceptions': [{ as: 'intake', url: () => `/api/contacts/${seed.contact}/exceptions` }],
  'GET /api/contacts/:id/consents': [{ as: 'teamLead', url: () => `/api/contacts/${seed.contact}/consents` }],
  'GET /api/contacts/:id/referrals': [{ as: 'teamLead', url: () => `/api/contacts/${seed.contact}/referrals` }],
  'GET /api/contact-themes': [{ as: 'intake', url: () => '/api/contact-themes' }],
  'GET /api/duty/now': [{ as: 'intake', url: () => '/api/duty/now' }],
  'GET /api/duty/hours': [{ as: 'intake', url: () => '/api/duty/hours' }],
  'GET /api/duty/rota': [{ as: 'intake', url: () => `/api/duty/rota?from=${day(0)}&to=${day(14)}` }],
  'GET /api/duty/staff': [{ as: 'teamLead', url: () => '/api/duty/staff' }],
  'GET /api/duty/emergency-path': [{ as: 'intake', url: () => '/api/duty/emergency-path' }],
  'GET /api/legal-bases': [{ as: 'dpo', url: () => '/api/legal-bases' }],
  'GET /api/exceptions': [
    { as: 'teamLead', url: () => '/api/exceptions', shows: true },
    { as: 'dpo', url: () => '/api/exceptions', shows: true },
  ],
  'GET /api/exceptions/:exceptionId': [
    { as: 'teamLead', url: () => `/api/exceptions/${seed.exception}`, shows: true },
    { as: 'dpo', url: () => `/api/exceptions/${seed.exception}`, shows: true },
  ],
}
/** Who reads each case route: everyone who sees the case, break-the-glass included. */
const CASE_READERS: Relationship[] = ['assigned', 'teamLead', 'breakGlass']

const GETS = API_ROUTES.filter((r) => r.method === 'GET')
const day = serviceDate

beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_DENIALS_PER_MINUTE: '100000' } })
  w = await caseWorld(t)
  const owner = w.owner
  const person = async (firstName: string) => json(await owner.post('/api/persons', { firstName, lastName: 'Haddad' })).id as string
  seed.son = await person('Karim')
  seed.mother = await person('Nadia')
  seed.sister = await person('Sofia')
  const open = async (personId: string, extra: Record<string, unknown>) => {
    const res = await owner.post('/api/accompaniments', { personId, teamId: w.teamA, ...extra })
    expect(res.statusCode, res.body).toBe(201)
    const acc = json(res)
    const assigned = await w.as.teamLead.post(`/api/accompaniments/${acc.id}/assign`, {
      primaryWorkerId: owner.userId,
      coWorkerIds: [w.as.coWorker.userId],
    })
    expect(assigned.statusCode, assigned.body).toBe(200)
    const grant = await w.as.breakGlass.post(`/api/accompaniments/${acc.id}/break-glass`, { reason: 'Appel urgent de la police locale' })
    expect(grant.statusCode, grant.body).toBe(200)
    return acc as { id: string; code: string }
  }
  seed.sonCase = (await open(seed.son, { kind: 'concerned' })).id
  // A mandate ending within the month: My day reminds of it, the lead's dashboard lists it.
  const main = await open(seed.mother, {
    kind: 'relative',
    relationship: 'parent',
    concernedPersonId: seed.son,
    framework: { framework: 'judicial', measure: 'other', mandateStart: day(-200), mandateEnd: day(10) },
  })
  seed.sisterCase = (await open(seed.sister, { kind: 'relative', relationship: 'sibling', concernedPersonId: seed.son })).id
  seed.main = { id: main.id, code: main.code, personId: seed.mother, world: w }
  const sister = await owner.post(`/api/accompaniments/${main.id}/relatives`, {
    name: 'Sofia Haddad',
    relationship: 'sibling',
    personId: seed.sister,
    involvement: 'participates',
    consent: 'given',
    consentOn: '2026-11-02',
  })
  expect(sister.statusCode, sister.body).toBe(201)
  // A case intake opened and nobody works on yet, about a cousin: the lead's dashboard lists it.
  seed.cousin = json(await w.as.intake.post('/api/persons', { firstName: 'Yanis', lastName: 'Haddad' })).id
  const waiting = await w.as.intake.post('/api/accompaniments', { personId: seed.cousin, teamId: w.teamA, kind: 'concerned' })
  expect(waiting.statusCode, waiting.body).toBe(201)
  seed.cousinCase = json(waiting).id
  // What My day, the calendar and the dashboard show: a task overdue, another due this week, a session today.
  const made = [
    await owner.post(`/api/accompaniments/${main.id}/tasks`, { title: 'Rapport en retard', dueDate: day(-2) }),
    await owner.post(`/api/accompaniments/${main.id}/tasks`, { title: 'Appeler la maison de justice', dueDate: day(2) }),
    await owner.post(`/api/accompaniments/${main.id}/sessions`, { startsAt: `${day(0)}T12:00:00Z`, modality: 'office' }),
    await owner.post(`/api/accompaniments/${main.id}/trajectory`, { precision: 'year', date: '2019', phase: 'entry', title: 'Entrée' }),
  ]
  for (const res of made) expect(res.statusCode, res.body).toBe(201)
  // A call from the sister about her brother, logged by intake, linked by the worker to the mother's case, waiting in the queue.
  const call = await w.as.intake.post('/api/contacts', { channel: 'phone', occurredAt: `${day(-1)}T09:00:00Z`, callerKind: 'relative' })
  expect(call.statusCode, call.body).toBe(201)
  seed.contact = json(call).id
  const fin = await w.as.intake.post(`/api/contacts/${seed.contact}/finalise`, undefined, { 'if-match': '"1"' })
  expect(fin.statusCode, fin.body).toBe(200)
  const linked = await w.as.intake.post(`/api/contacts/${seed.contact}/link`, { personId: seed.cousin }, { 'if-match': '"2"' })
  expect(linked.statusCode, linked.body).toBe(200)
  const toCase = await w.as.teamLead.post(`/api/contacts/${seed.contact}/link`, { accompanimentId: main.id }, { 'if-match': '"3"' })
  expect(toCase.statusCode, toCase.body).toBe(200)
  // A published public information sheet (staff-written knowledge, no person in it).
  const sheet = await w.as.teamLead.post('/api/sheets', {
    code: 'pour-les-parents',
    kind: 'targeted',
    audiences: ['parents'],
    themes: [],
    public: true,
    language: 'fr',
    text: { title: 'Pour les parents', body: 'Vous vous inquiétez pour votre enfant.' },
  })
  expect(sheet.statusCode, sheet.body).toBe(201)
  seed.sheet = json(sheet)
  const published = await w.as.teamLead.post(`/api/sheets/${seed.sheet.id}/texts/fr/publish`, {}, { 'if-match': '"1"' })
  expect(published.statusCode, published.body).toBe(200)
  // A confidentiality exception recorded on the mother's case: the register shows her case.
  const exception = await owner.post(`/api/accompaniments/${main.id}/exceptions`, {
    situation: 'Menace contre un enseignant',
    legalBasisId: '7f0c1a52-0001-4d2e-9a00-000000000001',
    recipientKind: 'police',
    recipientName: 'Zone de police',
    disclosed: 'Nom et école',
    disclosedAt: `${day(-1)}T10:00:00Z`,
  })
  expect(exception.statusCode, exception.body).toBe(201)
  seed.exception = json(exception).id
  // And one recorded on the sister's call: the contact's exceptions list it.
  const onCall = await w.as.intake.post('/api/exceptions', {
    situation: 'Menace relayée par la sœur',
    legalBasisId: '7f0c1a52-0001-4d2e-9a00-000000000001',
    recipientKind: 'police',
    recipientName: 'Zone de police',
    disclosed: 'Nom',
    disclosedAt: `${day(-1)}T11:00:00Z`,
    contactId: seed.contact,
  })
  expect(onCall.statusCode, onCall.body).toBe(201)
})
afterAll(() => t?.close())

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Every string in a JSON value. */
function strings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value)
  else if (Array.isArray(value)) for (const v of value) strings(v, out)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out)
  return out
}

/**
 * The persons a response shows: those whose id or code it holds, and the clients of the cases
 * whose id or code it holds or whose id is in the path, each with the reason it is owed.
 */
async function shownPersons(res: LightMyRequestResponse, pathCaseId: string | null): Promise<Map<string, string>> {
  const db = t.services.db
  const isJson = /json/.test(String(res.headers['content-type'] ?? ''))
  const values = isJson ? [...strings(json(res))] : []
  const ids = values.filter((v) => UUID.test(v))
  const owed = new Map<string, string>()
  if (values.length) {
    for (const p of await db
      .selectFrom('persons')
      .select(['id', 'code'])
      .where((eb) => eb.or([eb('id', 'in', ids.length ? ids : ['']), eb('code', 'in', values)]))
      .execute())
      owed.set(p.id, `person ${ids.includes(p.id) ? p.id : p.code} is in the response`)
  }
  const caseIds = pathCaseId ? [...ids, pathCaseId] : ids
  if (caseIds.length || values.length) {
    for (const c of await db
      .selectFrom('accompaniments')
      .select(['id', 'code', 'person_id'])
      .where((eb) => eb.or([eb('id', 'in', caseIds.length ? caseIds : ['']), eb('code', 'in', values.length ? values : [''])]))
      .execute())
      if (!owed.has(c.person_id))
        owed.set(c.person_id, `client of case ${c.id === pathCaseId ? `${c.id} (its path)` : caseIds.includes(c.id) ? c.id : c.code}`)
  }
  return owed
}

/** The persons the audit entries of a request list. */
async function recorded(res: LightMyRequestResponse): Promise<Set<string>> {
  const requestId = String(res.headers['x-request-id'])
  const rows = await t.services.db
    .selectFrom('audit_persons')
    .innerJoin('audit_log', 'audit_log.seq', 'audit_persons.seq')
    .select('audit_persons.person_id')
    .where('audit_log.request_id', '=', requestId)
    .execute()
  return new Set(rows.map((r) => r.person_id))
}

/** The seeded persons by name, for messages a reader can follow. */
const named = (text: string) =>
  text
    .replaceAll(seed.mother, 'the mother')
    .replaceAll(seed.son, 'the son')
    .replaceAll(seed.sister, 'the sister')
    .replaceAll(seed.cousin, 'the cousin')
    .replaceAll(seed.main.id, 'the main case')
    .replaceAll(seed.sonCase, "the son's case")
    .replaceAll(seed.sisterCase, "the sister's case")
    .replaceAll(seed.cousinCase, "the cousin's case")

async function check(rel: Relationship, url: string, res: LightMyRequestResponse, pathCaseId: string | null, shows = false) {
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300)
  const owed = await shownPersons(res, pathCaseId)
  if (shows) expect(owed.size, `${url} as ${rel}: the seed should put someone in this answer`).toBeGreaterThan(0)
  const got = await recorded(res)
  const missing = [...owed].filter(([id]) => !got.has(id)).map(([, why]) => named(why))
  expect(missing, `${url} as ${rel} shows persons its audit entry does not list`).toEqual([])
}

describe('the route table', () => {
  it('says, for every GET route, how to call it or why it is left out', () => {
    const unknown = GETS.map(routeKey).filter((k) => !CALLS[k] && !EXCLUDED[k] && !CASE_RECIPES[k])
    expect(unknown, 'add the route to CALLS (or to EXCLUDED, with the reason)').toEqual([])
    expect(Object.keys(CALLS).filter((k) => !GETS.some((r) => routeKey(r) === k))).toEqual([])
  })
})

describe.each(GETS.filter((r) => CASE_RECIPES[routeKey(r)]).map((r) => [routeKey(r), r] as const))('%s', (key, route) => {
  it.each(CASE_READERS)('as %s', async (rel) => {
    const req = await (CASE_RECIPES[key] as Recipe)(seed.main)
    const res = await sendAs(w.as[rel], route, seed.main, req)
    await check(rel, key, res, seed.main.id)
  })
})

describe.each(Object.entries(CALLS))('%s', (key, calls) => {
  it.each(calls.map((c, i) => [i, c] as const))('call %i', async (_i, call) => {
    const res = await w.as[call.as].get(call.url())
    await check(call.as, `${key} (${named(call.url())})`, res, null, call.shows)
  })
})

// Last, over every entry the calls above wrote: what "who read this person" reads (migration 0074).
describe('the persons index', () => {
  it('copies into each of its rows its entry’s time, actor, action and outcome', async () => {
    const rows = await t.services.db
      .selectFrom('audit_persons as p')
      .innerJoin('audit_log as a', 'a.seq', 'p.seq')
      .select(['p.seq', 'p.at', 'p.actor_id', 'p.action', 'p.outcome'])
      .select(['a.at as a_at', 'a.actor_id as a_actor', 'a.action as a_action', 'a.outcome as a_outcome'])
      .execute()
    expect(rows.length).toBeGreaterThan(100)
    const differ = rows.filter((r) => r.at !== r.a_at || r.actor_id !== r.a_actor || r.action !== r.a_action || r.outcome !== r.a_outcome)
    expect(differ).toEqual([])
  })
})
