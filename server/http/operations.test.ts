import { describe, expect, it } from 'vitest'
import { API_ROUTES } from '../app'
import type { Route } from './define-route'
import { errorStatuses } from './openapi'
import { OPERATIONS, operationKey } from './operations'

const documented = API_ROUTES.filter((r) => !r.hide)
const keyOf = (r: Route) => operationKey(r.method, r.path)
const find = (key: string): Route => {
  const route = documented.find((r) => keyOf(r) === key)
  if (!route) throw new Error(`no route ${key}`)
  return route
}

describe('the operations catalogue', () => {
  it('has an entry for every documented route, and none for a route that does not exist', () => {
    const routes = documented.map(keyOf)
    expect(routes.filter((k) => !OPERATIONS[k])).toEqual([])
    expect(Object.keys(OPERATIONS).filter((k) => !routes.includes(k))).toEqual([])
  })

  it('gives each operation its own camelCase operationId', () => {
    const ids = Object.values(OPERATIONS).map((o) => o.id)
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([])
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  })

  it('marks If-Match exactly on the routes whose handler reads the version from it', () => {
    // Read from the handler as written: a route that calls expectedVersion() answers 428 without
    // If-Match and 412 when it is stale, and the document must say so (and nowhere else).
    const readsVersion = (r: Route) => /\bexpectedVersion\b/.test(String(r.written ?? r.handler))
    const flagged = documented.filter((r) => OPERATIONS[keyOf(r)]?.ifMatch).map(keyOf)
    const reading = documented.filter(readsVersion).map(keyOf)
    expect(reading.length).toBeGreaterThan(15)
    expect(flagged.sort()).toEqual(reading.sort())
  })

  it('marks public exactly the routes that need no session', () => {
    const flagged = documented.filter((r) => OPERATIONS[keyOf(r)]?.public).map(keyOf)
    const open = documented.filter((r) => r.allow === 'public').map(keyOf)
    expect(open).toContain('POST /api/public/contact-requests')
    expect(flagged.sort()).toEqual(open.sort())
  })

  it('derives the error answers from the route definition', () => {
    expect(errorStatuses(find('GET /api/health'))).toEqual([500])
    // Public write: input and CSRF; guessing throttled; no session needed.
    expect(errorStatuses(find('POST /api/auth/login'))).toEqual([400, 401, 403, 413, 429, 500])
    // Signed in, any role: no permission check, so no denial limit.
    expect(errorStatuses(find('GET /api/me'))).toEqual([401, 403, 500])
    expect(errorStatuses(find('GET /api/accompaniments/:id'))).toEqual([400, 401, 403, 404, 429, 500])
    // A case change with If-Match: closed case or stale version or none.
    expect(errorStatuses(find('PUT /api/accompaniments/:id/plan'))).toEqual([400, 401, 403, 404, 409, 412, 413, 428, 429, 500])
    expect(errorStatuses(find('POST /api/accompaniments/:id/tasks'))).toEqual([400, 401, 403, 404, 409, 413, 429, 500])
    // The public form: no session, CSRF on the write, counted per address and per day, a full inbox.
    expect(errorStatuses(find('POST /api/public/contact-requests'))).toEqual([400, 403, 413, 429, 500, 503])
  })
})
