import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

type Member = Agent & { userId: string }
let t: TestApp
let intake: Member
let lead: Member
let worker: Member
let other: Member

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  intake = await t.as(['intake'])
  lead = await t.as(['lead'], { teamIds: [team] })
  worker = await t.as(['worker'], { teamIds: [team] })
  other = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

const CALL = { channel: 'phone', occurredAt: '2026-11-30T09:15:00.000Z', callerKind: 'relative', summary: 'Appel', urgency: 'week' }
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })
const given = (c: { id: string }) => `/api/contacts/${c.id}/information-given`

async function contact(by: Member = intake) {
  const res = await by.post('/api/contacts', CALL)
  expect(res.statusCode, res.body).toBe(201)
  return json(res) as { id: string; version: number }
}

/** A sheet published in French only (version 1), by a lead. */
async function sheet(title = 'Parents : premiers repères') {
  const code = `parents-${crypto.randomBytes(3).toString('hex')}`
  const created = await lead.post('/api/sheets', {
    code,
    kind: 'general',
    audiences: ['parents'],
    themes: [],
    public: false,
    language: 'fr',
    text: { title, body: 'Vous pouvez nous appeler.' },
  })
  expect(created.statusCode, created.body).toBe(201)
  const s = json(created) as { id: string; version: number }
  const published = await lead.post(`/api/sheets/${s.id}/texts/fr/publish`, {}, ifMatch(s.version))
  expect(published.statusCode, published.body).toBe(200)
  return { id: s.id, code, version: (json(published) as { version: number }).version }
}

it('records the published version given on a draft, keeps it after the sheet is revised, and lists newest first', async () => {
  const s = await sheet()
  const c = await contact()
  const first = await intake.post(given(c), { sheetId: s.id, language: 'fr', how: 'email' })
  expect(first.statusCode, first.body).toBe(201)
  // A draft keeps its version: the form being typed keeps saving from it.
  expect(first.headers.etag).toBe('"1"')
  expect(json(first)).toMatchObject({
    contactVersion: 1,
    entry: { sheetId: s.id, sheetCode: s.code, title: 'Parents : premiers repères', version: 1, language: 'fr', how: 'email' },
  })
  expect(json(first).entry.recordedBy).toEqual(expect.any(String))

  // The lead revises and republishes the French text: what was given stays version 1.
  const saved = await lead.put(
    `/api/sheets/${s.id}/texts/fr`,
    { title: 'Parents : repères revus', body: 'Texte revu.' },
    ifMatch(s.version),
  )
  expect(saved.statusCode, saved.body).toBe(200)
  const republished = await lead.post(`/api/sheets/${s.id}/texts/fr/publish`, {}, ifMatch(json(saved).version))
  expect(republished.statusCode, republished.body).toBe(200)
  const second = await intake.post(given(c), { sheetId: s.id, language: 'fr', how: 'paper' })
  expect(second.statusCode, second.body).toBe(201)
  expect(json(second).entry).toMatchObject({ version: 2, title: 'Parents : repères revus', how: 'paper' })

  const list = await intake.get(given(c))
  expect(list.statusCode, list.body).toBe(200)
  expect(json(list).items.map((i: { version: number; how: string; title: string }) => [i.version, i.how, i.title])).toEqual([
    [2, 'paper', 'Parents : repères revus'],
    [1, 'email', 'Parents : premiers repères'],
  ])
  // A draft has no history yet (it starts when the contact is final).
  expect(await t.services.db.selectFrom('contact_history').selectAll().where('contact_id', '=', c.id).execute()).toEqual([])
})

it('refuses a language the sheet is not published in (naming it), an unknown sheet, and bad input, writing nothing', async () => {
  const s = await sheet()
  const c = await contact()
  // Field errors are 400 here, as every other field the server checks (validation.failed, one catalogue).
  const missing = await intake.post(given(c), { sheetId: s.id, language: 'nl', how: 'read_aloud' })
  expect(missing.statusCode).toBe(400)
  expect(missing.headers['content-type']).toContain('application/problem+json')
  expect(json(missing).errors[0]).toMatchObject({ field: 'language', code: 'not_published' })
  expect((await intake.post(given(c), { sheetId: crypto.randomUUID(), language: 'fr', how: 'email' })).statusCode).toBe(404)
  const how = await intake.post(given(c), { sheetId: s.id, language: 'fr', how: 'pigeon' })
  expect(how.statusCode).toBe(400)
  expect(json(how).errors[0].field).toBe('how')
  expect(json(await intake.get(given(c))).items).toEqual([])
  expect(await t.services.db.selectFrom('contact_information_given').selectAll().where('contact_id', '=', c.id).execute()).toEqual([])
})

it('on a final contact, needs If-Match, moves the version on and keeps the line on the history', async () => {
  const s = await sheet()
  const c = await contact()
  expect((await intake.post(`/api/contacts/${c.id}/finalise`, undefined, ifMatch(1))).statusCode).toBe(200)
  const body = { sheetId: s.id, language: 'fr', how: 'read_aloud' }
  expect((await intake.post(given(c), body)).statusCode).toBe(428)
  expect((await intake.post(given(c), body, ifMatch(1))).statusCode).toBe(412)
  expect(json(await intake.get(given(c))).items).toEqual([])

  const ok = await intake.post(given(c), body, ifMatch(2))
  expect(ok.statusCode, ok.body).toBe(201)
  expect(ok.headers.etag).toBe('"3"')
  expect(json(ok).contactVersion).toBe(3)
  expect(json(await intake.get(`/api/contacts/${c.id}`)).version).toBe(3)
  const history = json(await intake.get(`/api/contacts/${c.id}/history`)).items
  const line = history.find((h: { kind: string }) => h.kind === 'information_given')
  expect(line).toMatchObject({ version: 3, changes: [{ field: 'informationGiven', old: null, new: `${s.code} · v1 · fr · read_aloud` }] })
  // Sealed with the contact's key: the sheet code is not readable in the row.
  const rows = await t.services.db.selectFrom('contact_history').selectAll().where('contact_id', '=', c.id).execute()
  for (const r of rows) expect(r.changes_sealed).not.toContain(s.code)
})

it('goes through the contact door: who may change the contact records, who may see it lists; others are refused', async () => {
  const s = await sheet()
  const c = await contact(worker)
  // The worker who logged it and a lead record and list; intake sees every contact of the line.
  for (const who of [worker, lead, intake]) {
    const res = await who.post(given(c), { sheetId: s.id, language: 'fr', how: 'email' })
    expect(res.statusCode, res.body).toBe(201)
    expect(json(await who.get(given(c))).items.length).toBeGreaterThan(0)
  }
  // A worker of another team does not see the contact: 404 whether or not it exists.
  expect((await other.post(given(c), { sheetId: s.id, language: 'fr', how: 'email' })).statusCode).toBe(404)
  expect((await other.get(given(c))).statusCode).toBe(404)
  for (const role of ['partner', 'researcher', 'dpo'] as const) {
    const outsider = await t.as([role])
    expect((await outsider.get(given(c))).statusCode, role).toBe(403)
    expect((await outsider.post(given(c), { sheetId: s.id, language: 'fr', how: 'email' })).statusCode, role).toBe(403)
  }
  expect(json(await intake.get(given(c))).items).toHaveLength(3)
})

it('audits each record and each listing in the same transaction, naming the contact', async () => {
  const s = await sheet()
  const c = await contact()
  const before = (await auditRows(t.services, 'contact.information_given_recorded')).length
  await intake.post(given(c), { sheetId: s.id, language: 'fr', how: 'paper' })
  await intake.get(given(c))
  const recorded = (await auditRows(t.services, 'contact.information_given_recorded')).filter((e) => e.subject_id === c.id)
  expect(recorded).toHaveLength(1)
  expect(recorded[0]).toMatchObject({ actor_id: intake.userId, subject_type: 'contact' })
  expect(JSON.parse(String(recorded[0]!.details))).toMatchObject({ sheetId: s.id, language: 'fr', how: 'paper' })
  expect((await auditRows(t.services, 'contact.information_given_recorded')).length).toBe(before + 1)
  const viewed = (await auditRows(t.services, 'contact.information_given_viewed')).filter((e) => e.subject_id === c.id)
  expect(viewed).toHaveLength(1)
  // A refused record leaves no entry.
  await intake.post(given(c), { sheetId: s.id, language: 'de', how: 'paper' })
  expect((await auditRows(t.services, 'contact.information_given_recorded')).filter((e) => e.subject_id === c.id)).toHaveLength(1)
})
