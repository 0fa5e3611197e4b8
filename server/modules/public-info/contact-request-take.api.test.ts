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
  const named = await send('192.0.2.11', {
    callerKind: 'professional',
    sector: 'school',
    reachBy: 'email',
    email: 'prof@example.org',
    name: 'Madame Lenoir',
    preferredTimes: ['afternoon'],
    message: 'Un élève tient des propos inquiétants en classe.',
  })
  const anonymous = await send('192.0.2.12', { callerKind: 'concerned', anonymous: true, message: 'Je ne sais plus à qui parler.' })
  for (const res of [named, anonymous]) expect(res.statusCode, res.body).toBe(201)
  const rows = await t.services.db.selectFrom('contact_requests').select('id').orderBy('received_at').execute()
  ids.push(...rows.map((r) => r.id))
})
afterAll(() => t?.close())

const take = (as: Agent, id: string, version = 1) => as.post(`/api/contact-requests/${id}/take`, {}, { 'if-match': `"${version}"` })

describe('taking a public request into the contact point', () => {
  it("creates a final web-form contact with the request's data, in the queue, and marks the request handled and linked", async () => {
    const intake = await t.as(['intake'])
    expect((await intake.post(`/api/contact-requests/${ids[0]}/take`, {})).statusCode).toBe(428)
    const res = await take(intake, ids[0] as string)
    expect(res.statusCode, res.body).toBe(201)
    const { contactId, request } = json(res)
    expect(request).toMatchObject({ id: ids[0], state: 'handled', version: 2, contactId })
    expect(res.headers.etag).toBe('"2"')

    const contact = json(await intake.get(`/api/contacts/${contactId}`))
    expect(contact).toMatchObject({
      channel: 'web_form',
      direction: 'incoming',
      status: 'final',
      callerKind: 'professional',
      callerSector: 'school',
      caller: { name: 'Madame Lenoir', email: 'prof@example.org', phone: null, reach: 'email, afternoon' },
      summary: 'Un élève tient des propos inquiétants en classe.',
      orientation: null,
    })
    const queue = json(await intake.get('/api/contacts/queue')).items.map((i: { id: string }) => i.id)
    expect(queue).toContain(contactId)
    // The inbox no longer lists it as open; the handled list links the contact.
    expect(json(await intake.get('/api/contact-requests')).items.map((i: { id: string }) => i.id)).not.toContain(ids[0])
    const handled = json(await intake.get('/api/contact-requests?state=handled')).items
    expect(handled).toEqual([expect.objectContaining({ id: ids[0], contactId })])

    const entry = (await auditRows(t.services, 'contact_request.taken')).at(-1)
    expect(entry).toMatchObject({ actor_id: intake.userId, subject_type: 'contact_request', subject_id: ids[0] })
  })

  it('keeps no identity of an anonymous request, maps its kind, and a second take is 409', async () => {
    const lead = await t.as(['lead'])
    const res = await take(lead, ids[1] as string)
    expect(res.statusCode, res.body).toBe(201)
    const contact = json(await lead.get(`/api/contacts/${json(res).contactId}`))
    expect(contact).toMatchObject({
      callerKind: 'person_concerned',
      caller: null,
      summary: 'Je ne sais plus à qui parler.',
      status: 'final',
    })
    expect((await take(lead, ids[1] as string, 2)).statusCode).toBe(409)
    expect((await take(lead, ids[1] as string, 1)).statusCode).toBe(409)
    const contacts = await t.services.db
      .selectFrom('contact_requests')
      .select('contact_id')
      .where('id', '=', ids[1] as string)
      .execute()
    expect(contacts).toEqual([{ contact_id: json(res).contactId }])
  })

  it('is not readable by a worker, and workers cannot take requests', async () => {
    const worker = await t.as(['worker'])
    const [row] = await t.services.db
      .selectFrom('contact_requests')
      .select('contact_id')
      .where('id', '=', ids[0] as string)
      .execute()
    expect((await worker.get(`/api/contacts/${row?.contact_id}`)).statusCode).toBe(404)
    expect((await take(worker, ids[0] as string, 2)).statusCode).toBe(403)
  })

  it("keeps the request's raw data sealed, and seals the contact under its own key", async () => {
    const [req] = await t.services.db
      .selectFrom('contact_requests')
      .selectAll()
      .where('id', '=', ids[0] as string)
      .execute()
    const raw = JSON.stringify(req)
    expect(raw).not.toContain('Lenoir')
    expect(raw).not.toContain('prof@example.org')
    expect(raw).not.toContain('inquiétants')
    const contactId = req?.contact_id as string
    const [contact] = await t.services.db.selectFrom('contacts').selectAll().where('id', '=', contactId).execute()
    const sealed = JSON.stringify(contact)
    expect(sealed).not.toContain('Lenoir')
    expect(sealed).not.toContain('inquiétants')
    const keys = await t.services.db
      .selectFrom('person_keys')
      .select('person_id')
      .where('person_id', 'in', [contactId, ids[0] as string])
      .execute()
    expect(keys.map((k) => k.person_id).sort()).toEqual([contactId, ids[0]].sort())
    // Opening the request still gives its own data.
    const opened = json(await (await t.as(['intake'])).get(`/api/contact-requests/${ids[0]}`))
    expect(opened).toMatchObject({ name: 'Madame Lenoir', message: 'Un élève tient des propos inquiétants en classe.' })
  })
})
