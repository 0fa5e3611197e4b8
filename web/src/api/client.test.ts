import { describe, expect, expectTypeOf, it } from 'vitest'
import { api, type ResponseOf, urlOf } from './client'

describe('the typed API client', () => {
  it('fills the path from the operation template, encoded, and leaves out empty query values', () => {
    expect(urlOf('/api/accompaniments/{id}/tasks/{taskId}/status', { path: { id: 'a b/c', taskId: 't' } })).toBe(
      '/api/accompaniments/a%20b%2Fc/tasks/t/status',
    )
    expect(urlOf('/api/plan/{version}', { path: { version: 3 } })).toBe('/api/plan/3')
    expect(urlOf('/api/audit', { query: { kind: undefined, action: '', personCode: 'P-1234', limit: 20 } })).toBe(
      '/api/audit?personCode=P-1234&limit=20',
    )
    expect(() => urlOf('/api/persons/{id}', {})).toThrow('{id}')
  })

  it('takes the answer, body, parameters and If-Match from the OpenAPI document', () => {
    expectTypeOf<ResponseOf<'/api/accompaniments/{id}', 'get'>>().toHaveProperty('version').toEqualTypeOf<number>()
    expectTypeOf<ResponseOf<'/api/me', 'get'>>().toHaveProperty('abilities')
    // Checked by tsc (npx tsc --noEmit -p .), never run: each line must be refused by the types.
    const typeChecks = () => {
      // @ts-expect-error a path the API does not have
      void api.get('/api/nowhere')
      // @ts-expect-error the case id is required
      void api.get('/api/accompaniments/{id}')
      // @ts-expect-error a write that needs If-Match
      void api.put('/api/accompaniments/{id}/plan', { path: { id: 'x' }, body: { goals: [] } })
      void api.put('/api/accompaniments/{id}/plan', { path: { id: 'x' }, body: { goals: [] }, ifMatch: 0 })
      // @ts-expect-error a body the operation does not take
      void api.post('/api/auth/login', { body: { email: 'a@b.c', pasword: 'x' } })
      // @ts-expect-error GET on a path that only answers POST
      void api.get('/api/persons/search')
    }
    expect(typeof typeChecks).toBe('function')
  })
})
