import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let intake: Agent & { userId: string }
let lead: Agent & { userId: string }
let worker: Agent & { userId: string }
let other: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  intake = await t.as(['intake'])
  lead = await t.as(['lead'], { teamIds: [team] })
  worker = await t.as(['worker'], { teamIds: [team] })
  other = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

const mother = {
  channel: 'phone',
  occurredAt: '2026-11-30T09:15:00.000Z',
  durationMinutes: 25,
  callerKind: 'relative',
  caller: { name: 'Nadia Berrada', phone: '0470 12 34 56', email: null, reach: 'le soir' },
  personDescription: 'Son fils de 17 ans, passe ses nuits sur des chaînes radicales',
  themes: ['worry_relative', 'online_exposure'],
  summary: 'Mère très inquiète depuis la rentrée',
  urgency: 'week',
}

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })

it('logs a draft sealed under its own key, audited, and names the field of bad input', async () => {
  const res = await intake.post('/api/contacts', mother)
  expect(res.statusCode).toBe(201)
  expect(res.headers.etag).toBe('"1"')
  const c = json(res)
  expect(c).toMatchObject({ status: 'draft', caller: mother.caller, summary: mother.summary, orientation: null, version: 1 })

  const raw = await t.services.db.selectFrom('contacts').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow()
  for (const secret of ['Nadia', '0470', '470123456', 'radicales', 'inquiète']) expect(JSON.stringify(raw)).not.toContain(secret)
  expect(raw.phone_index).toMatch(/^[\w-]{32}$/)
  // Its own data key, under the contact's id.
  expect(await t.services.db.selectFrom('person_keys').select('person_id').where('person_id', '=', c.id).executeTakeFirst()).toBeTruthy()
  const [entry] = (await auditRows(t.services, 'contact.created')).filter((e) => e.subject_id === c.id)
  expect(entry).toMatchObject({ subject_type: 'contact', actor_id: intake.userId })
  expect(JSON.stringify(entry)).not.toContain('Nadia')

  const cases: [Record<string, unknown>, string][] = [
    [{ ...mother, callerKind: 'professional' }, 'callerSector'],
    [{ ...mother, callerSector: 'school' }, 'callerSector'],
    [{ ...mother, caller: { ...mother.caller, phone: '12' } }, 'caller.phone'],
    [{ ...mother, callerKind: 'anonymous' }, 'caller'],
    [{ ...mother, orientation: 'referred' }, 'referredTo'],
    [{ ...mother, themes: ['no_such_theme'] }, 'themes.0'],
    [{ ...mother, channel: 'fax' }, 'channel'],
  ]
  for (const [body, field] of cases) {
    const bad = await intake.post('/api/contacts', body)
    expect(bad.statusCode, field).toBe(400)
    expect(bad.headers['content-type']).toContain('application/problem+json')
    expect(json(bad).errors.map((e: { field: string }) => e.field)).toContain(field)
    expect(bad.body).not.toContain('Nadia')
  }
})

it('changes a draft with If-Match, finalises it, then keeps every change sealed on its history', async () => {
  const c = json(await intake.post('/api/contacts', mother))
  expect((await intake.put(`/api/contacts/${c.id}`, mother)).statusCode).toBe(428)
  const v2 = json(await intake.put(`/api/contacts/${c.id}`, { ...mother, summary: 'Suite de l’appel' }, ifMatch(1)))
  expect(v2).toMatchObject({ summary: 'Suite de l’appel', version: 2 })
  expect((await intake.put(`/api/contacts/${c.id}`, mother, ifMatch(1))).statusCode).toBe(412)
  // Drafts have no history: it starts when the contact is final.
  expect(json(await intake.get(`/api/contacts/${c.id}/history`)).items).toEqual([])

  expect((await intake.post(`/api/contacts/${c.id}/finalise`, undefined)).statusCode).toBe(428)
  const final = await intake.post(`/api/contacts/${c.id}/finalise`, undefined, ifMatch(2))
  expect(json(final)).toMatchObject({ status: 'final', version: 3 })
  expect((await intake.post(`/api/contacts/${c.id}/finalise`, undefined, ifMatch(3))).statusCode).toBe(409)

  const v4 = json(
    await lead.put(
      `/api/contacts/${c.id}`,
      { ...mother, summary: 'Corrigé par la coordinatrice', orientation: 'information_only' },
      ifMatch(3),
    ),
  )
  expect(v4.version).toBe(4)
  const history = json(await intake.get(`/api/contacts/${c.id}/history`)).items
  expect(history.map((h: { kind: string }) => h.kind)).toEqual(['finalised', 'updated'])
  expect(history[1].changes).toEqual(
    expect.arrayContaining([
      { field: 'summary', old: 'Suite de l’appel', new: 'Corrigé par la coordinatrice' },
      { field: 'orientation', old: null, new: 'information_only' },
    ]),
  )
  const raw = await t.services.db.selectFrom('contact_history').selectAll().where('contact_id', '=', c.id).execute()
  expect(raw).toHaveLength(2)
  expect(JSON.stringify(raw)).not.toContain('Corrigé')
  expect(JSON.stringify(raw)).not.toContain('summary')
})

it('shows contacts to intake and leads, to a worker only theirs and those of their cases; none to other roles', async () => {
  const byIntake = json(await intake.post('/api/contacts', { ...mother, channel: 'web_form' }))
  const byWorker = json(await worker.post('/api/contacts', { ...mother, channel: 'email' }))
  expect((await lead.get(`/api/contacts/${byIntake.id}`)).statusCode).toBe(200)
  expect((await intake.get(`/api/contacts/${byWorker.id}`)).statusCode).toBe(200)
  expect((await worker.get(`/api/contacts/${byIntake.id}`)).statusCode).toBe(404)
  expect((await worker.get(`/api/contacts/${byWorker.id}`)).statusCode).toBe(200)
  expect((await other.get(`/api/contacts/${byWorker.id}`)).statusCode).toBe(404)
  expect((await other.put(`/api/contacts/${byWorker.id}`, mother, ifMatch(1))).statusCode).toBe(404)
  const listed = json(await other.get('/api/contacts?limit=100')).items.map((i: { id: string }) => i.id)
  expect(listed).not.toContain(byWorker.id)
  for (const role of ['admin', 'dpo', 'partner', 'researcher'] as const) {
    const a = await t.as([role])
    expect((await a.get(`/api/contacts/${byIntake.id}`)).statusCode, role).toBe(403)
  }
  // A worker linked to the case then sees the web-form contact through it.
  const person = json(await worker.post('/api/persons', { firstName: 'Yanis', lastName: 'Contact' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const linked = await lead.post(`/api/contacts/${byIntake.id}/link`, { accompanimentId: acc.id }, ifMatch(1))
  expect(linked.statusCode).toBe(200)
  expect((await worker.get(`/api/contacts/${byIntake.id}`)).statusCode).toBe(200)
  expect((await other.get(`/api/contacts/${byIntake.id}`)).statusCode).toBe(404)
})

it('filters and pages the list by status, channel and dates', async () => {
  const letter = json(await intake.post('/api/contacts', { ...mother, channel: 'letter', occurredAt: '2026-10-01T10:00:00.000Z' }))
  await intake.post(`/api/contacts/${letter.id}/finalise`, undefined, ifMatch(1))
  const res = json(await intake.get('/api/contacts?channel=letter&status=final&from=2026-09-30T00:00:00Z&to=2026-10-02T00:00:00Z'))
  expect(res.items.map((i: { id: string }) => i.id)).toEqual([letter.id])
  expect(res.total).toBe(1)
  expect(res.items[0].callerName).toBe('Nadia Berrada')
  const bad = await intake.get('/api/contacts?from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z')
  expect(bad.statusCode).toBe(400)
  expect(json(bad).errors[0].field).toBe('query.to')
  const page = json(await intake.get('/api/contacts?limit=1&offset=1'))
  expect(page.items).toHaveLength(1)
  expect(page.total).toBeGreaterThan(1)
})

it('keeps every time in UTC, so a time given with its Brussels offset falls in the right period', async () => {
  // 01:30 in Brussels on 12 October is 23:30 UTC on the 11th: as text, "2026-10-12T01:30+02:00" sorts after the 11th's end.
  const late = json(await intake.post('/api/contacts', { ...mother, channel: 'other', occurredAt: '2026-10-12T01:30:00+02:00' }))
  expect(late.occurredAt).toBe('2026-10-11T23:30:00.000Z')
  const onThe11th = json(await intake.get('/api/contacts?channel=other&from=2026-10-11T00:00:00Z&to=2026-10-11T23:59:59Z'))
  expect(onThe11th.items.map((i: { id: string }) => i.id)).toContain(late.id)
  const givenInBrussels = json(
    await intake.get(
      `/api/contacts?channel=other&from=${encodeURIComponent('2026-10-12T00:00:00+02:00')}&to=${encodeURIComponent('2026-10-12T02:00:00+02:00')}`,
    ),
  )
  expect(givenInBrussels.items.map((i: { id: string }) => i.id)).toContain(late.id)
})

it('finds a repeat caller by blind index only, identifying only the contacts the caller may read', async () => {
  const a = await t.as(['intake'])
  const phone = '+32 475 98 76 54'
  const first = json(await a.post('/api/contacts', { ...mother, caller: { ...mother.caller, phone } }))
  const second = json(
    await worker.post('/api/contacts', {
      ...mother,
      caller: { name: 'N. B.', phone: '0475/98.76.54', email: 'Nadia@Example.BE', reach: null },
    }),
  )
  // Written differently, the same number.
  const found = json(await a.post('/api/contacts/repeat-caller', { phone: '0475 987 654' }))
  expect(found.count).toBe(2)
  expect(found.items.map((i: { id: string }) => i.id).sort()).toEqual([first.id, second.id].sort())
  expect(json(await a.post('/api/contacts/repeat-caller', { email: 'nadia@example.be' })).count).toBe(1)

  // A worker of another team learns that there were calls, not who made them.
  const seen = json(await other.post('/api/contacts/repeat-caller', { phone }))
  expect(seen.count).toBe(2)
  expect(
    seen.items.every(
      (i: { id: string | null; callerName: string | null; readable: boolean }) => !i.readable && i.id === null && i.callerName === null,
    ),
  ).toBe(true)
  expect(JSON.stringify(seen)).not.toContain('Nadia')
  const mine = json(await worker.post('/api/contacts/repeat-caller', { phone }))
  expect(mine.items.filter((i: { readable: boolean }) => i.readable).map((i: { id: string }) => i.id)).toEqual([second.id])

  const bad = await a.post('/api/contacts/repeat-caller', {})
  expect(bad.statusCode).toBe(400)
  expect(json(bad).errors[0].field).toBe('phone')
  // The number in none of its written forms, in what the entries record (ids and the chain's
  // hashes are left out: three digits turn up in a UUID or a hex digest by chance).
  const entries = await auditRows(t.services, 'contact.repeat_caller_checked')
  expect(entries.length).toBeGreaterThan(0)
  const recorded = JSON.stringify(entries.map((e) => [e.details, e.purpose, e.subject_type])).toLowerCase()
  for (const form of ['475', '98.76', '987', 'example.be']) expect(recorded).not.toContain(form)
})

it('links a contact to a person and a new case, whose timeline shows it; sets a call-back task on a case', async () => {
  const mum = json(await intake.post('/api/persons', { firstName: 'Nadia', lastName: 'Berrada' }))
  const c = json(await intake.post('/api/contacts', mother))
  const unknown = await intake.post(`/api/contacts/${c.id}/link`, { personId: '00000000-0000-4000-8000-000000000000' }, ifMatch(1))
  expect(unknown.statusCode).toBe(400)
  expect(json(unknown).errors[0].field).toBe('personId')
  const invisibleCase = await intake.post(
    `/api/contacts/${c.id}/link`,
    { accompanimentId: '00000000-0000-4000-8000-000000000000' },
    ifMatch(1),
  )
  expect(json(invisibleCase).errors[0].field).toBe('accompanimentId')

  const linked = await intake.post(
    `/api/contacts/${c.id}/link`,
    { personId: mum.id, newCase: { kind: 'relative', personId: mum.id, relationship: 'parent', concernedStatus: 'unknown', teamId: team } },
    ifMatch(1),
  )
  expect(linked.statusCode).toBe(200)
  const view = json(linked)
  expect(view).toMatchObject({ personId: mum.id, orientation: 'advice_case', version: 2 })
  expect(view.accompanimentId).toBeTruthy()
  const [entry] = (await auditRows(t.services, 'contact.linked')).filter((e) => e.subject_id === c.id)
  const indexed = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entry!.seq).execute()
  expect(indexed.map((r) => r.person_id)).toContain(mum.id)

  const timeline = json(await lead.get(`/api/accompaniments/${view.accompanimentId}/timeline`)).items
  expect(timeline.find((e: { type: string }) => e.type === 'contact_linked')?.data).toMatchObject({ contactId: c.id, channel: 'phone' })

  // The lead (who sees the case) sets a call-back: a task on the case, and the contact waits in the queue.
  await lead.post(`/api/contacts/${c.id}/finalise`, undefined, ifMatch(2))
  const cb = await lead.post(`/api/contacts/${c.id}/callback`, { dueDate: '2026-12-03', assigneeId: null }, ifMatch(3))
  expect(cb.statusCode).toBe(200)
  const { taskId, contact } = json(cb)
  expect(contact).toMatchObject({ callbackOn: '2026-12-03', callbackAssigneeId: lead.userId })
  expect(taskId).toBeTruthy()
  const tasks = json(await lead.get(`/api/accompaniments/${view.accompanimentId}/tasks`)).items
  expect(tasks.map((x: { id: string }) => x.id)).toContain(taskId)
  const badAssignee = await lead.post(`/api/contacts/${c.id}/callback`, { dueDate: '2026-12-03', assigneeId: mum.id }, ifMatch(4))
  expect(json(badAssignee).errors[0].field).toBe('assigneeId')
})

it('queues final contacts waiting for an orientation or a call-back: immediate first, then oldest first', async () => {
  const q = await t.as(['intake'])
  const make = async (occurredAt: string, urgency: string, orientation: string | null = null) => {
    const c = json(await q.post('/api/contacts', { ...mother, occurredAt, urgency, orientation }))
    await q.post(`/api/contacts/${c.id}/finalise`, undefined, ifMatch(1))
    return c.id as string
  }
  const oldWeek = await make('2026-01-01T08:00:00.000Z', 'week')
  const newImmediate = await make('2026-01-03T08:00:00.000Z', 'immediate')
  const decided = await make('2026-01-01T07:00:00.000Z', 'immediate', 'information_only')
  const oldImmediate = await make('2026-01-02T08:00:00.000Z', 'immediate')
  const draft = json(await q.post('/api/contacts', { ...mother, occurredAt: '2026-01-01T06:00:00.000Z', urgency: 'immediate' })).id
  const ids = json(await q.get('/api/contacts/queue')).items.map((i: { id: string }) => i.id)
  const ours = ids.filter((id: string) => [oldWeek, newImmediate, decided, oldImmediate, draft].includes(id))
  expect(ours).toEqual([oldImmediate, newImmediate, oldWeek])
})

it('lets admins keep the themes list, in four languages, with If-Match', async () => {
  const admin = await t.as(['admin'])
  const list = json(await intake.get('/api/contact-themes')).items
  expect(list.map((i: { code: string }) => i.code)).toContain('worry_relative')
  const labels = { fr: 'Formation', nl: 'Vorming', de: 'Schulung', en: 'Training' }
  expect((await intake.post('/api/contact-themes', { code: 'schools_training', labels, position: 20 })).statusCode).toBe(403)
  const created = await admin.post('/api/contact-themes', { code: 'schools_training', labels, position: 20 })
  expect(created.statusCode).toBe(201)
  expect((await admin.post('/api/contact-themes', { code: 'schools_training', labels, position: 20 })).statusCode).toBe(409)
  const bad = await admin.post('/api/contact-themes', { code: 'x y', labels, position: 1 })
  expect(json(bad).errors[0].field).toBe('code')
  expect((await admin.put('/api/contact-themes/schools_training', { labels, active: false, position: 20 })).statusCode).toBe(428)
  const retired = await admin.put('/api/contact-themes/schools_training', { labels, active: false, position: 20 }, ifMatch(1))
  expect(json(retired)).toMatchObject({ active: false, version: 2 })
  expect((await admin.put('/api/contact-themes/schools_training', { labels, active: true, position: 20 }, ifMatch(1))).statusCode).toBe(412)
  // A retired theme files no new contact.
  const refused = await intake.post('/api/contacts', { ...mother, themes: ['schools_training'] })
  expect(json(refused).errors[0].field).toBe('themes.0')
})
