import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { formTokenKey, issueFormToken } from './public-form.token'

let t: TestApp
const ids: string[] = []
beforeAll(async () => {
  t = await startTestApp()
  const send = (ip: string, body: Record<string, unknown>) =>
    new Agent(t.app, ip).post('/api/public/contact-requests', {
      token: issueFormToken(formTokenKey(t.services.auditKey), Date.now() - 10_000),
      ...body,
    })
  const first = await send('192.0.2.1', {
    callerKind: 'relative',
    reachBy: 'phone',
    phone: '0470 11 22 33',
    name: 'Nadia',
    preferredTimes: ['morning'],
  })
  const second = await send('192.0.2.2', {
    callerKind: 'professional',
    sector: 'school',
    anonymous: true,
    message: 'Un élève menace ses camarades.',
  })
  for (const res of [first, second]) expect(res.statusCode, res.body).toBe(201)
  const rows = await t.services.db.selectFrom('contact_requests').select('id').orderBy('received_at').execute()
  ids.push(...rows.map((r) => r.id))
})
afterAll(() => t?.close())

describe('the intake inbox', () => {
  it('lists open requests oldest first, without any identity or message', async () => {
    const intake = await t.as(['intake'])
    const res = await intake.get('/api/contact-requests')
    expect(res.statusCode).toBe(200)
    const list = json(res)
    expect(list.total).toBe(2)
    expect(list.items.map((i: { id: string }) => i.id)).toEqual(ids)
    expect(list.items[0]).toMatchObject({
      callerKind: 'relative',
      anonymous: false,
      reachBy: 'phone',
      preferredTimes: ['morning'],
      hasMessage: false,
    })
    expect(list.items[1]).toMatchObject({ callerKind: 'professional', sector: 'school', anonymous: true, reachBy: null, hasMessage: true })
    expect(res.body).not.toContain('Nadia')
    expect(res.body).not.toContain('0470')
    expect(res.body).not.toContain('menace')
    expect((await auditRows(t.services, 'contact_request.listed')).at(-1)?.actor_id).toBe(intake.userId)
  })

  it('opens one request, audited under its id', async () => {
    const lead = await t.as(['lead'])
    const res = await lead.get(`/api/contact-requests/${ids[0]}`)
    expect(res.statusCode).toBe(200)
    expect(json(res)).toMatchObject({ name: 'Nadia', phone: '0470 11 22 33', email: null, message: null, state: 'open', decidedBy: null })
    expect(res.headers.etag).toBe('"1"')
    const entry = (await auditRows(t.services, 'contact_request.viewed')).at(-1)
    expect(entry).toMatchObject({ actor_id: lead.userId, subject_type: 'contact_request', subject_id: ids[0] })
    const persons = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entry!.seq).execute()
    expect(persons.map((p) => p.person_id)).toEqual([ids[0]])
    expect((await lead.get('/api/contact-requests/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })

  it('marks a request handled with If-Match: 428 without, 412 when stale, 409 when already decided', async () => {
    const intake = await t.as(['intake'])
    const url = `/api/contact-requests/${ids[1]}/decision`
    expect((await intake.post(url, { state: 'handled' })).statusCode).toBe(428)
    expect((await intake.post(url, { state: 'handled' }, { 'if-match': '"7"' })).statusCode).toBe(412)
    expect(json(await intake.post(url, { state: 'spam' }, { 'if-match': '"1"' })).errors[0].field).toBe('state')
    const done = await intake.post(url, { state: 'dismissed' }, { 'if-match': '"1"' })
    expect(done.statusCode, done.body).toBe(200)
    expect(json(done)).toMatchObject({ state: 'dismissed', version: 2 })
    expect(done.headers.etag).toBe('"2"')
    expect((await intake.post(url, { state: 'handled' }, { 'if-match': '"2"' })).statusCode).toBe(409)
    expect(json(await intake.get('/api/contact-requests')).items.map((i: { id: string }) => i.id)).toEqual([ids[0]])
    expect(json(await intake.get('/api/contact-requests?state=dismissed')).items.map((i: { id: string }) => i.id)).toEqual([ids[1]])
    const opened = json(await intake.get(`/api/contact-requests/${ids[1]}`))
    expect(opened.decidedBy.id).toBe(intake.userId)
    expect(opened.name).toBeNull()
  })

  it('is closed to workers and the DPO', async () => {
    for (const role of ['worker', 'dpo'] as const) expect((await (await t.as([role])).get('/api/contact-requests')).statusCode).toBe(403)
  })
})
