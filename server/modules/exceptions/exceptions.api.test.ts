import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

type Member = Agent & { userId: string }
let t: TestApp
let worker: Member
let lead: Member
let otherLead: Member
let otherWorker: Member
let dpo: Member
let intake: Member
let caseId: string
let clientId: string

const CONTACT = {
  channel: 'phone',
  occurredAt: '2026-11-30T09:15:00.000Z',
  durationMinutes: 10,
  callerKind: 'relative',
  caller: { name: 'Appelante', phone: null, email: null, reach: null },
  personDescription: 'Un jeune',
  themes: [],
  summary: 'Appel',
  urgency: 'week',
}

const NECESSITY = '7f0c1a52-0001-4d2e-9a00-000000000001'
const EXCEPTION = {
  situation: 'Le fils annonce vouloir frapper son professeur demain matin',
  legalBasisId: NECESSITY,
  recipientKind: 'police',
  recipientName: 'Inspecteur Dubois, zone Bruxelles-Nord',
  disclosed: 'Nom du jeune, école visée, heure annoncée',
  disclosedAt: '2026-11-30T10:15:00+01:00',
}

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  const other = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  otherLead = await t.as(['lead'], { teamIds: [other] })
  otherWorker = await t.as(['worker'], { teamIds: [other] })
  dpo = await t.as(['dpo'])
  intake = await t.as(['intake'])
  const person = json(await worker.post('/api/persons', { firstName: 'Ilyas', lastName: 'Exceptions' }))
  clientId = person.id
  caseId = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id
})
afterAll(() => t.close())

describe('legal bases', () => {
  it('ships editable defaults, which the DPO edits and extends; recorders read them', async () => {
    const list = json(await worker.get('/api/legal-bases')).items
    expect(list.map((b: { code: string }) => b.code)).toEqual(
      expect.arrayContaining(['necessity', 'art-458bis', 'art-422bis', 'case-consultation', 'legal-duty', 'court-order']),
    )
    expect(list.every((b: { shippedDefault: boolean }) => b.shippedDefault)).toBe(true)
    const basis = list.find((b: { code: string }) => b.code === 'legal-duty')
    const edited = await dpo.put(`/api/legal-bases/${basis.id}`, { ...pick(basis), reference: 'Loi du …, art. …' }, { 'if-match': '"1"' })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(json(edited)).toMatchObject({ reference: 'Loi du …, art. …', shippedDefault: false, version: 2 })
    expect((await dpo.put(`/api/legal-bases/${basis.id}`, pick(basis), { 'if-match': '"1"' })).statusCode).toBe(412)
    const created = await dpo.post('/api/legal-bases', { ...pick(basis), code: 'youth-protection', active: false })
    expect(created.statusCode).toBe(201)
    const taken = await dpo.post('/api/legal-bases', { ...pick(basis), code: 'necessity' })
    expect(json(taken).errors[0]).toMatchObject({ field: 'code', code: 'taken' })
    expect((await lead.post('/api/legal-bases', { ...pick(basis), code: 'lead-basis' })).statusCode).toBe(403)
    // An inactive basis cannot be used.
    const inactive = await worker.post(`/api/accompaniments/${caseId}/exceptions`, { ...EXCEPTION, legalBasisId: json(created).id })
    expect(json(inactive).errors[0]).toMatchObject({ field: 'legalBasisId', code: 'unknown_legal_basis' })
  })
})

const pick = (b: { code: string; label: unknown; reference: string; active: boolean }) => ({
  code: b.code,
  label: b.label,
  reference: b.reference,
  active: b.active,
})

describe('the register', () => {
  it('records an exception on a case through the door, sealed with the client’s key, pending', async () => {
    expect((await otherWorker.post(`/api/accompaniments/${caseId}/exceptions`, EXCEPTION)).statusCode).toBe(404)
    const res = await worker.post(`/api/accompaniments/${caseId}/exceptions`, EXCEPTION)
    expect(res.statusCode, res.body).toBe(201)
    const ex = json(res)
    expect(ex).toMatchObject({
      ...EXCEPTION,
      disclosedAt: '2026-11-30T09:15:00.000Z',
      accompanimentId: caseId,
      contactId: null,
      status: 'pending',
      legalBasisCode: 'necessity',
      recordedBy: worker.userId,
      version: 1,
    })
    const raw = await t.services.db.selectFrom('confidentiality_exceptions').selectAll().where('id', '=', ex.id).executeTakeFirstOrThrow()
    expect(raw.key_id).toBe(clientId)
    for (const col of [raw.situation_sealed, raw.recipient_name_sealed, raw.disclosed_sealed]) {
      expect(col).not.toMatch(/professeur|Dubois|école/)
    }
    const [entry] = (await auditRows(t.services, 'exception.recorded')).filter((e) => e.subject_id === ex.id)
    expect(entry).toMatchObject({ actor_id: worker.userId, subject_type: 'confidentiality_exception' })
    expect(JSON.stringify(entry)).not.toMatch(/Dubois|professeur/)
    const persons = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entry!.seq).execute()
    expect(persons.map((p) => p.person_id)).toContain(clientId)

    // The case shows it to those who see the case.
    expect(json(await lead.get(`/api/accompaniments/${caseId}/exceptions`)).items.map((e: { id: string }) => e.id)).toEqual([ex.id])
    expect((await otherWorker.get(`/api/accompaniments/${caseId}/exceptions`)).statusCode).toBe(404)
  })

  it('lets its author correct it while pending; a lead (not the author) validates; then it never changes', async () => {
    const ex = json(await worker.post(`/api/accompaniments/${caseId}/exceptions`, { ...EXCEPTION, recipientKind: 'prosecutor' }))
    const corrected = await worker.put(
      `/api/exceptions/${ex.id}`,
      { ...EXCEPTION, recipientName: 'Parquet de Bruxelles' },
      { 'if-match': '"1"' },
    )
    expect(corrected.statusCode, corrected.body).toBe(200)
    expect(json(corrected)).toMatchObject({ recipientName: 'Parquet de Bruxelles', recipientKind: 'police', version: 2 })
    // Another recorder cannot correct it.
    expect((await otherWorker.put(`/api/exceptions/${ex.id}`, EXCEPTION, { 'if-match': '"2"' })).statusCode).toBe(404)

    // The lead of another team does not see it; the case's lead does.
    expect((await otherLead.post(`/api/exceptions/${ex.id}/decision`, { decision: 'validated' }, { 'if-match': '"2"' })).statusCode).toBe(
      404,
    )
    expect((await lead.post(`/api/exceptions/${ex.id}/decision`, { decision: 'validated' })).statusCode).toBe(428)
    expect((await lead.post(`/api/exceptions/${ex.id}/decision`, { decision: 'validated' }, { 'if-match': '"1"' })).statusCode).toBe(412)
    const validated = await lead.post(`/api/exceptions/${ex.id}/decision`, { decision: 'validated' }, { 'if-match': '"2"' })
    expect(validated.statusCode, validated.body).toBe(200)
    expect(json(validated)).toMatchObject({ status: 'validated', decidedByName: expect.any(String), version: 3 })

    const again = await worker.put(`/api/exceptions/${ex.id}`, EXCEPTION, { 'if-match': '"3"' })
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe('state.invalid_transition')
    expect(
      (await lead.post(`/api/exceptions/${ex.id}/decision`, { decision: 'refused', reason: 'x' }, { 'if-match': '"3"' })).statusCode,
    ).toBe(409)
    expect(json(await dpo.get(`/api/exceptions/${ex.id}`))).toMatchObject({ recipientName: 'Parquet de Bruxelles', status: 'validated' })
  })

  it('refuses with a reason (sealed), and never lets a lead validate their own record', async () => {
    const own = json(await lead.post(`/api/accompaniments/${caseId}/exceptions`, EXCEPTION))
    const self = await lead.post(`/api/exceptions/${own.id}/decision`, { decision: 'validated' }, { 'if-match': '"1"' })
    expect(self.statusCode).toBe(403)
    expect(json(self).code).toBe('access.second_person_required')

    const ex = json(await worker.post(`/api/accompaniments/${caseId}/exceptions`, EXCEPTION))
    const noReason = await lead.post(`/api/exceptions/${ex.id}/decision`, { decision: 'refused' }, { 'if-match': '"1"' })
    expect(json(noReason).errors[0]).toMatchObject({ field: 'reason' })
    const refused = await lead.post(
      `/api/exceptions/${ex.id}/decision`,
      { decision: 'refused', reason: 'Pas de danger imminent établi' },
      { 'if-match': '"1"' },
    )
    expect(json(refused)).toMatchObject({ status: 'refused', refusalReason: 'Pas de danger imminent établi' })
    const raw = await t.services.db.selectFrom('confidentiality_exceptions').selectAll().where('id', '=', ex.id).executeTakeFirstOrThrow()
    expect(raw.refusal_reason_sealed).not.toContain('imminent')
  })

  it('lists the register for the case’s lead and the DPO, filtered by status, without the sealed text', async () => {
    const contactId = json(await intake.post('/api/contacts', CONTACT)).id
    const onContact = await intake.post('/api/exceptions', { ...EXCEPTION, contactId, recipientKind: 'child_protection' })
    expect(onContact.statusCode, onContact.body).toBe(201)
    expect(json(onContact)).toMatchObject({ contactId, accompanimentId: null, status: 'pending' })

    const all = await dpo.get('/api/exceptions')
    expect(all.statusCode).toBe(200)
    const items = json(all).items
    expect(items.length).toBe(5)
    expect(all.body).not.toMatch(/Dubois|professeur|Parquet|imminent/)
    expect(items[0]).toMatchObject({ contactId, recipientKind: 'child_protection' })
    const pending = json(await dpo.get('/api/exceptions?status=pending')).items
    expect(pending.every((e: { status: string }) => e.status === 'pending')).toBe(true)
    expect(pending.length).toBe(3)

    // The case's lead sees all; a lead of another team sees only the contact's.
    expect(json(await lead.get('/api/exceptions')).items.length).toBe(5)
    const others = json(await otherLead.get('/api/exceptions')).items
    expect(others.map((e: { contactId: string | null }) => e.contactId)).toEqual([contactId])
    expect((await otherLead.get(`/api/exceptions/${items[1].id}`)).statusCode).toBe(404)
    for (const who of [worker, intake]) expect((await who.get('/api/exceptions')).statusCode).toBe(403)

    // The list records the persons it shows: the case's client among them.
    const [entry] = (await auditRows(t.services, 'exception.listed')).filter((e) => e.actor_id === dpo.userId)
    const persons = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entry!.seq).execute()
    expect(persons.map((p) => p.person_id)).toEqual(expect.arrayContaining([clientId, contactId]))
  })

  it('records an exception on a contact only through the contact door, sealed with the contact’s own key', async () => {
    // Unknown contact: 404, nothing written, no key minted under the made-up id.
    const unknown = crypto.randomUUID()
    const none = await intake.post('/api/exceptions', { ...EXCEPTION, contactId: unknown })
    expect(none.statusCode, none.body).toBe(404)
    expect(
      await t.services.db.selectFrom('person_keys').select('person_id').where('person_id', '=', unknown).executeTakeFirst(),
    ).toBeUndefined()
    expect(
      await t.services.db.selectFrom('confidentiality_exceptions').select('id').where('contact_id', '=', unknown).executeTakeFirst(),
    ).toBeUndefined()

    // A contact logged by intake, not linked to any case: a worker does not reach it (404, as unknown).
    const contactId = json(await intake.post('/api/contacts', CONTACT)).id
    const hidden = await worker.post('/api/exceptions', { ...EXCEPTION, contactId })
    expect(hidden.statusCode, hidden.body).toBe(404)
    expect((await worker.get(`/api/contacts/${contactId}/exceptions`)).statusCode).toBe(404)

    // Intake records it on any contact; sealed with the contact's own key (person_keys under its id).
    const ok = await intake.post('/api/exceptions', { ...EXCEPTION, contactId })
    expect(ok.statusCode, ok.body).toBe(201)
    const raw = await t.services.db
      .selectFrom('confidentiality_exceptions')
      .selectAll()
      .where('id', '=', json(ok).id)
      .executeTakeFirstOrThrow()
    expect(raw.key_id).toBe(contactId)
    expect(JSON.stringify(raw)).not.toMatch(/Dubois|professeur/)

    // Whoever may read the contact reads its exceptions, with their content; the reading is audited.
    const listed = await lead.get(`/api/contacts/${contactId}/exceptions`)
    expect(listed.statusCode, listed.body).toBe(200)
    expect(json(listed).items).toEqual([expect.objectContaining({ id: json(ok).id, contactId, recipientName: EXCEPTION.recipientName })])
    const [entry] = (await auditRows(t.services, 'exception.listed')).filter((e) => e.actor_id === lead.userId).slice(-1)
    const persons = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entry!.seq).execute()
    expect(persons.map((p) => p.person_id)).toContain(contactId)

    // A worker's own contact is theirs to record on.
    const own = json(await worker.post('/api/contacts', CONTACT)).id
    expect((await worker.post('/api/exceptions', { ...EXCEPTION, contactId: own })).statusCode).toBe(201)
    expect(json(await worker.get(`/api/contacts/${own}/exceptions`)).items).toHaveLength(1)
    expect((await otherWorker.post('/api/exceptions', { ...EXCEPTION, contactId: own })).statusCode).toBe(404)
  })

  it('names the field of a bad record', async () => {
    const bad = await worker.post(`/api/accompaniments/${caseId}/exceptions`, { ...EXCEPTION, recipientKind: 'neighbour', situation: ' ' })
    expect(bad.statusCode).toBe(400)
    expect(
      json(bad)
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['recipientKind', 'situation'])
    expect(bad.body).not.toContain('neighbour')
  })
})
