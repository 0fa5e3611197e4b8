import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Call-backs answered: an outgoing contact answers an earlier one; the earlier one leaves the
 * queue when (and only when) the answer is finalised, with a `called_back` line on its history.
 */

let t: TestApp
let intake: Agent & { userId: string }
let outsider: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  intake = await t.as(['intake'])
  // A worker of another team: sees only the contacts they logged or linked to their cases.
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })

const teacher = {
  channel: 'phone',
  occurredAt: '2026-11-30T10:05:00.000Z',
  callerKind: 'professional',
  callerSector: 'school',
  caller: { name: 'Marc Dubois', phone: '0471 22 33 44', email: null, reach: 'après 16 h' },
  summary: 'Un élève de 4e tient des propos inquiétants en classe',
  urgency: 'week',
}

/** A final incoming contact with a call-back due: it waits in the queue. */
async function waiting(): Promise<{ id: string; version: number }> {
  const c = json(await intake.post('/api/contacts', teacher))
  const final = json(await intake.post(`/api/contacts/${c.id}/finalise`, undefined, ifMatch(1)))
  const cb = json(await intake.post(`/api/contacts/${c.id}/callback`, { dueDate: '2026-12-02' }, ifMatch(final.version)))
  return { id: c.id, version: cb.contact.version }
}

const answer = (answersContactId: string) => ({
  ...teacher,
  direction: 'outgoing',
  occurredAt: '2026-12-01T14:30:00.000Z',
  summary: 'Rappel: conseils donnés pour en parler avec l’élève',
  answersContactId,
})

const queueIds = async (agent: Agent) => json(await agent.get('/api/contacts/queue')).items.map((i: { id: string }) => i.id)

it('takes the answered contact out of the queue only when the answer is finalised, with a called_back history line', async () => {
  const target = await waiting()
  expect(await queueIds(intake)).toContain(target.id)

  const res = await intake.post('/api/contacts', answer(target.id))
  expect(res.statusCode).toBe(201)
  const draft = json(res)
  expect(draft).toMatchObject({ direction: 'outgoing', answersContactId: target.id, status: 'draft' })

  // A draft answer is a call still going on: the contact it answers still waits.
  expect(await queueIds(intake)).toContain(target.id)
  const before = json(await intake.get(`/api/contacts/${target.id}`))
  expect(before).toMatchObject({ calledBackAt: null, calledBackBy: null, version: target.version })

  const finalised = await intake.post(`/api/contacts/${draft.id}/finalise`, undefined, ifMatch(1))
  expect(finalised.statusCode).toBe(200)
  expect(await queueIds(intake)).not.toContain(target.id)

  const after = await intake.get(`/api/contacts/${target.id}`)
  expect(json(after)).toMatchObject({ calledBackBy: draft.id, version: target.version + 1, callbackOn: '2026-12-02' })
  expect(json(after).calledBackAt).toEqual(expect.any(String))
  expect(after.headers.etag).toBe(`"${target.version + 1}"`)
  const row = await t.services.db.selectFrom('contacts').select('queue_rank').where('id', '=', target.id).executeTakeFirstOrThrow()
  expect(row.queue_rank).toBeNull()

  const history = json(await intake.get(`/api/contacts/${target.id}/history`)).items
  const last = history[history.length - 1]
  expect(last).toMatchObject({ kind: 'called_back', version: target.version + 1 })
  expect(last.changes.map((c: { field: string }) => c.field)).toContain('calledBackAt')

  const [entry] = (await auditRows(t.services, 'contact.finalised')).filter((e) => e.subject_id === draft.id)
  expect(JSON.stringify(entry?.details)).toContain(target.id)
})

it('refuses an unknown contact and one the caller may not see with the same answer, and an incoming answer', async () => {
  const target = await waiting()
  const unknown = await intake.post('/api/contacts', answer('00000000-0000-4000-8000-000000000000'))
  expect(unknown.statusCode).toBe(400)
  expect(unknown.headers['content-type']).toContain('application/problem+json')
  expect(json(unknown).errors).toEqual([expect.objectContaining({ field: 'answersContactId', code: 'unknown_contact' })])

  // The outsider may not see the teacher's contact: refused exactly as if it did not exist.
  const hidden = await outsider.post('/api/contacts', answer(target.id))
  const unknownForOutsider = await outsider.post('/api/contacts', answer('00000000-0000-4000-8000-000000000000'))
  expect(hidden.statusCode).toBe(unknownForOutsider.statusCode)
  expect(json(hidden).errors).toEqual(json(unknownForOutsider).errors)
  expect(json(hidden).title).toBe(json(unknownForOutsider).title)

  const incoming = await intake.post('/api/contacts', { ...answer(target.id), direction: 'incoming' })
  expect(incoming.statusCode).toBe(400)
  expect(json(incoming).errors.map((e: { field: string }) => e.field)).toContain('answersContactId')

  // Nothing was written by the refusals, and the contact still waits.
  const n = await t.services.db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('answers_contact_id', '=', target.id)
    .executeTakeFirstOrThrow()
  expect(Number(n.n)).toBe(0)
  expect(await queueIds(intake)).toContain(target.id)
})

it('lets a draft answer change the contact it answers, never a final one', async () => {
  const first = await waiting()
  const second = await waiting()
  const draft = json(await intake.post('/api/contacts', answer(first.id)))
  const moved = await intake.put(`/api/contacts/${draft.id}`, answer(second.id), ifMatch(1))
  expect(json(moved)).toMatchObject({ answersContactId: second.id, version: 2 })
  const self = await intake.put(`/api/contacts/${draft.id}`, answer(draft.id), ifMatch(2))
  expect(json(self).errors).toEqual([expect.objectContaining({ field: 'answersContactId', code: 'unknown_contact' })])

  await intake.post(`/api/contacts/${draft.id}/finalise`, undefined, ifMatch(2))
  expect(await queueIds(intake)).toContain(first.id)
  expect(await queueIds(intake)).not.toContain(second.id)
  const fixed = await intake.put(`/api/contacts/${draft.id}`, answer(first.id), ifMatch(3))
  expect(json(fixed).errors).toEqual([expect.objectContaining({ field: 'answersContactId', code: 'fixed_once_final' })])
})

it('puts a called-back contact back in the queue when a call-back is set on it again, and keeps both on its history', async () => {
  const target = await waiting()
  const draft = json(await intake.post('/api/contacts', answer(target.id)))
  await intake.post(`/api/contacts/${draft.id}/finalise`, undefined, ifMatch(1))
  const answered = json(await intake.get(`/api/contacts/${target.id}`))
  expect(answered.calledBackAt).toEqual(expect.any(String))
  expect(await queueIds(intake)).not.toContain(target.id)

  // The caller asked to be called again next week: the contact waits once more.
  const again = await intake.post(`/api/contacts/${target.id}/callback`, { dueDate: '2026-12-09' }, ifMatch(answered.version))
  expect(again.statusCode).toBe(200)
  expect(json(again).contact).toMatchObject({ callbackOn: '2026-12-09', calledBackAt: null, calledBackBy: null })
  expect(await queueIds(intake)).toContain(target.id)

  const history = json(await intake.get(`/api/contacts/${target.id}/history`)).items
  expect(history.map((h: { kind: string }) => h.kind).slice(-2)).toEqual(['called_back', 'callback'])
  const last = history[history.length - 1]
  expect(last.changes).toEqual(
    expect.arrayContaining([
      { field: 'callbackOn', old: '2026-12-02', new: '2026-12-09' },
      { field: 'calledBackAt', old: answered.calledBackAt, new: null },
    ]),
  )

  // Answered again: out of the queue again, with the new answer named.
  const second = json(await intake.post('/api/contacts', answer(target.id)))
  await intake.post(`/api/contacts/${second.id}/finalise`, undefined, ifMatch(1))
  expect(await queueIds(intake)).not.toContain(target.id)
  expect(json(await intake.get(`/api/contacts/${target.id}`))).toMatchObject({ calledBackBy: second.id })

  // Clearing the call-back (no longer needed) does not undo a call-back made.
  const cleared = await intake.post(
    `/api/contacts/${target.id}/callback`,
    { dueDate: null },
    ifMatch(json(await intake.get(`/api/contacts/${target.id}`)).version),
  )
  expect(json(cleared).contact.calledBackAt).toEqual(expect.any(String))
  expect(await queueIds(intake)).not.toContain(target.id)
})
