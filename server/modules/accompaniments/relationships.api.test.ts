import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorCode } from '../../../common/contracts/problem.contracts'
import { type Permission, rolesGrant } from '../../../common/permissions'
import { API_ROUTES } from '../../app'
import type { Route } from '../../http/define-route'
import { CASE_RECIPES, type CaseRequest, routeKey, sendAs } from '../../test/case-recipes'
import { type CaseFixture, type CaseWorld, caseWorld, closeCase, PEOPLE, type Relationship, RELATIONSHIPS } from '../../test/case-world'
import { json, startTestApp, type TestApp } from '../../test/harness'

/**
 * THE CASE MATRIX, generated from the route table: every route that opens a case (`caseAccess`,
 * set by defineCaseRoute), for every relationship a user can have to the case, answers exactly
 * the status the one visibility rule gives. What a route needs to be called comes from
 * server/test/case-recipes.ts; the expectations come from the route's own `allow` and
 * `caseAccess`, so a new case route is covered the moment it has a recipe.
 */
const CASE_PREFIX = '/api/accompaniments/:id'
const underCase = (r: Route) => r.path === CASE_PREFIX || r.path.startsWith(`${CASE_PREFIX}/`)
/** Routes under a case, and routes marked as case routes: each must be both. */
const CASE_ROUTES = API_ROUTES.filter((r) => r.caseAccess || underCase(r))

/** The relationships that see the case, and those that may change it. */
const SEES = new Set<Relationship>(['assigned', 'coWorker', 'teamLead', 'breakGlass'])
const WORKS_ON = new Set<Relationship>(['assigned', 'coWorker', 'teamLead'])

type Expected = { status: number; code?: ErrorCode }
const denied: Expected = { status: 403, code: 'access.forbidden' }
const hidden: Expected = { status: 404, code: 'resource.not_found' }

const grants = (rel: Relationship, route: Route) =>
  route.allow === 'public' || route.allow === 'authenticated' || rolesGrant(PEOPLE[rel].roles, route.allow as Permission)

/**
 * The rule, as the architecture states it. The permission first (403 for a role without it,
 * before the case is looked up); then the case: 404 to whoever does not see it; `read` for
 * whoever sees it; `change` and `manage` only for its workers and its lead (a break-the-glass
 * grant reads, it does not act: 403); `change` not on a closed case (409). `outside` (breaking
 * the glass) is for those who do not see the case yet (409 for those who do).
 */
function expected(route: Route, rel: Relationship, closed = false): Expected {
  if (!grants(rel, route)) return denied
  const ok = { status: route.status }
  switch (route.caseAccess) {
    case 'read':
      return SEES.has(rel) ? ok : hidden
    case 'change':
    case 'manage':
      if (rel === 'breakGlass') return denied
      if (!WORKS_ON.has(rel)) return hidden
      return closed && route.caseAccess === 'change' ? { status: 409, code: 'state.invalid_transition' } : ok
    case 'outside':
      return SEES.has(rel) ? { status: 409, code: 'access.already_granted' } : ok
    default:
      throw new Error(`${routeKey(route)} is not a case route: define it with defineCaseRoute`)
  }
}

let t: TestApp
let world: CaseWorld

beforeAll(async () => {
  // Every denied cell is a refusal; the per-minute limit on refusals is not what this file tests.
  t = await startTestApp({ env: { PARCOURS_DENIALS_PER_MINUTE: '100000' } })
  world = await caseWorld(t)
})
afterAll(() => t?.close())

type Prepared = { c: CaseFixture; req: CaseRequest }

async function prepared(route: Route, close = false): Promise<Prepared> {
  const recipe = CASE_RECIPES[routeKey(route)]
  if (!recipe) throw new Error(`new case route ${routeKey(route)}: add its recipe to server/test/case-recipes.ts`)
  const c = await world.newCase()
  const req = await recipe(c)
  if (close) await closeCase(c)
  return { c, req }
}

/**
 * One case per route for every cell that changes nothing (refusals, and reads), so that the
 * matrix stays fast; a fresh case for each cell that changes it.
 */
const sharedCases = new Map<string, Promise<Prepared>>()
const shared = (route: Route, closed = false) => {
  const key = `${routeKey(route)}${closed ? ' (closed)' : ''}`
  let p = sharedCases.get(key)
  if (!p) sharedCases.set(key, (p = prepared(route, closed)))
  return p
}

async function check(route: Route, rel: Relationship, closed = false) {
  const want = expected(route, rel, closed)
  const changes = want.status < 300 && route.caseAccess !== 'read'
  const { c, req } = changes ? await prepared(route) : await shared(route, closed)
  const res = await sendAs(world.as[rel], route, c, req)
  expect(res.statusCode, `${rel} on ${routeKey(route)}${closed ? ' (closed case)' : ''}: ${res.body.slice(0, 300)}`).toBe(want.status)
  if (want.code) expect(json(res).code).toBe(want.code)
}

describe('the route table', () => {
  it('marks every route under /api/accompaniments/:id as a case route, and no other', () => {
    const notCaseRoutes = API_ROUTES.filter((r) => underCase(r) && !r.caseAccess).map(routeKey)
    const outsideTheCase = API_ROUTES.filter((r) => r.caseAccess && !underCase(r)).map(routeKey)
    expect(notCaseRoutes, 'routes under a case that do not open it through defineCaseRoute').toEqual([])
    expect(outsideTheCase, 'case routes whose path does not start at the case').toEqual([])
  })

  it('lets only the break-the-glass route reach a case from outside', () => {
    expect(API_ROUTES.filter((r) => r.caseAccess === 'outside').map(routeKey)).toEqual(['POST /api/accompaniments/:id/break-glass'])
  })

  it('gives every case route a permission, not only a session', () => {
    const open = CASE_ROUTES.filter((r) => r.allow === 'public' || r.allow === 'authenticated').map(routeKey)
    expect(open).toEqual([])
  })

  it('has a recipe for every case route, and none for a route that is gone', () => {
    const keys = new Set(CASE_ROUTES.map(routeKey))
    const missing = [...keys].filter((k) => !CASE_RECIPES[k])
    expect(missing, 'new case routes: add their recipe to server/test/case-recipes.ts').toEqual([])
    expect(
      Object.keys(CASE_RECIPES).filter((k) => !keys.has(k)),
      'recipes of routes that are no longer case routes',
    ).toEqual([])
  })
})

describe.each(CASE_ROUTES.map((r) => [routeKey(r), r] as const))('%s', (_key, route) => {
  it.each(RELATIONSHIPS)('as %s', (rel) => check(route, rel))

  // A case that does not exist answers like a case one may not see: the caller learns nothing.
  it('on a case that does not exist, as teamLead', async () => {
    const { c, req } = await shared(route)
    const res = await sendAs(world.as.teamLead, route, { ...c, id: crypto.randomUUID() }, req)
    expect(res.statusCode, res.body.slice(0, 300)).toBe(404)
    expect(json(res).code).toBe('resource.not_found')
  })

  if (route.caseAccess !== 'manage' && route.caseAccess !== 'outside') {
    it.each(['assigned', 'teamLead', 'breakGlass'] as const)('on a closed case, as %s', (rel) => check(route, rel, true))
  }
})

describe('the client, reached through the case', () => {
  const READ_PERSON: Record<Relationship, number> = {
    assigned: 200,
    coWorker: 200,
    teamLead: 200,
    breakGlass: 200,
    otherTeamLead: 404,
    otherWorker: 404,
    intake: 404,
    partner: 403,
    researcher: 403,
    dpo: 403,
    admin: 403,
  }
  let c: CaseFixture
  beforeAll(async () => {
    c = await world.newCase()
  })
  it.each(RELATIONSHIPS)('as %s', async (rel) => {
    const res = await world.as[rel].get(`/api/persons/${c.personId}`)
    expect(res.statusCode, res.body).toBe(READ_PERSON[rel])
  })
})
