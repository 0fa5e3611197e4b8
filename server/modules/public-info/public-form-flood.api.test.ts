import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { formTokenKey, issueFormToken } from './public-form.token'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp({
    env: { PARCOURS_PUBLIC_FORM_PER_ADDRESS: '2', PARCOURS_PUBLIC_FORM_PER_DAY: '50', PARCOURS_PUBLIC_INBOX_MAX: '5' },
  })
})
afterAll(() => t?.close())

const token = (secondsAgo = 10) => issueFormToken(formTokenKey(t.services.auditKey), Date.now() - secondsAgo * 1000)
const request = (extra: Record<string, unknown> = {}) => ({
  token: token(),
  callerKind: 'relative',
  reachBy: 'phone',
  phone: '0470 12 34 56',
  message: 'Ma fille parle de partir.',
  ...extra,
})
const snapshot = async () => ({
  requests: await t.services.db.selectFrom('contact_requests').selectAll().orderBy('id').execute(),
  keys: await t.services.db.selectFrom('person_keys').selectAll().orderBy('person_id').execute(),
  audit: Number(
    (
      await t.services.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
})

/** Runs `count` submissions `batch` at a time and returns how many got each status. */
async function flood(count: number, send: (i: number) => Promise<{ statusCode: number }>, batch = 50) {
  const statuses = new Map<number, number>()
  for (let i = 0; i < count; i += batch) {
    const answers = await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, j) => send(i + j)))
    for (const a of answers) statuses.set(a.statusCode, (statuses.get(a.statusCode) ?? 0) + 1)
  }
  return Object.fromEntries(statuses)
}

describe('a flood of rejected submissions', () => {
  it('writes nothing, and a genuine request still lands afterwards with nothing else lost', async () => {
    const flooder = new Agent(t.app, '203.0.113.66')
    // Two real requests, from the address that floods next (its allowance for the day is two).
    for (const phone of ['0470 00 00 01', '0470 00 00 02'])
      expect((await flooder.post('/api/public/contact-requests', request({ phone }))).statusCode).toBe(201)
    const before = await snapshot()
    expect(before.requests).toHaveLength(2)

    const kinds = [
      // Honeypot filled.
      () => flooder.post('/api/public/contact-requests', request({ website: 'http://cheap-pills.example' })),
      // Sent as soon as the page came.
      () => flooder.post('/api/public/contact-requests', request({ token: token(0) })),
      // A forged token, and one out of date.
      () => flooder.post('/api/public/contact-requests', request({ token: `v1.${Date.now().toString(36)}.abc.def` })),
      () => flooder.post('/api/public/contact-requests', request({ token: token(4 * 3600) })),
      // Invalid fields.
      () => flooder.post('/api/public/contact-requests', request({ reachBy: 'pigeon', message: 'x'.repeat(5000) })),
      // Valid in every way, but over the address's allowance.
      () => flooder.post('/api/public/contact-requests', request()),
      // The plain form from another site.
      () =>
        t.app.inject({
          method: 'POST',
          url: '/info/contact',
          remoteAddress: '203.0.113.66',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
          payload: 'callerKind=relative&mode=anonymous&message=spam',
        }),
      // The plain form, honeypot filled.
      () =>
        t.app.inject({
          method: 'POST',
          url: '/info/contact',
          remoteAddress: '203.0.113.66',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({
            token: token(),
            callerKind: 'relative',
            mode: 'anonymous',
            message: 'spam',
            website: 'x',
          }).toString(),
        }),
    ]
    const statuses = await flood(10_000, (i) => kinds[i % kinds.length]!())
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(10_000)
    expect(statuses[201]).toBeUndefined()
    expect(statuses[200]).toBeUndefined()
    expect(statuses[429]).toBe(1250)
    expect(statuses[403]).toBe(1250)
    expect(statuses[400]).toBe(7500)

    // Nothing written: not a request, not a key, not an audit entry.
    expect(await snapshot()).toEqual(before)

    // A genuine request from someone else lands, and the two earlier ones are untouched.
    const mother = new Agent(t.app, '192.0.2.7')
    const res = await mother.post('/api/public/contact-requests', request({ phone: '0485 11 22 33' }))
    expect(res.statusCode, res.body).toBe(201)
    const after = await snapshot()
    expect(after.requests).toHaveLength(3)
    for (const row of before.requests) expect(after.requests).toContainEqual(row)
  }, 300_000)

  it('a full inbox refuses new requests without pushing any out; handling one makes room', async () => {
    // Three open so far; the inbox holds five.
    for (const [i, ip] of ['192.0.2.21', '192.0.2.22'].entries())
      expect((await new Agent(t.app, ip).post('/api/public/contact-requests', request({ phone: `0470 00 00 1${i}` }))).statusCode).toBe(201)
    const full = await snapshot()
    const refused = await new Agent(t.app, '192.0.2.23').post('/api/public/contact-requests', request())
    expect(refused.statusCode).toBe(503)
    expect(json(refused).code).toBe('public_form.inbox_full')
    expect(await snapshot()).toEqual(full)

    const intake = await t.as(['intake'])
    const oldest = json(await intake.get('/api/contact-requests')).items[0]
    const decided = await intake.post(
      `/api/contact-requests/${oldest.id}/decision`,
      { state: 'handled' },
      { 'if-match': `"${oldest.version}"` },
    )
    expect(decided.statusCode, decided.body).toBe(200)
    expect((await new Agent(t.app, '192.0.2.23').post('/api/public/contact-requests', request())).statusCode).toBe(201)
    const requests = await t.services.db.selectFrom('contact_requests').select(['id', 'state']).execute()
    expect(requests).toHaveLength(6)
    expect(requests.filter((r) => r.state === 'open')).toHaveLength(5)
  })

  it('the day’s allowance for the whole form is shared only by addresses within their own', async () => {
    // Seven counted: six accepted and one refused by the full inbox; the flooding address's 1,250
    // attempts over its own allowance did not count against everyone's.
    const row = await t.services.db
      .selectFrom('public_form_windows')
      .select('count')
      .where('key', '=', 'form:all')
      .executeTakeFirstOrThrow()
    expect(Number(row.count)).toBe(7)
  })
})
