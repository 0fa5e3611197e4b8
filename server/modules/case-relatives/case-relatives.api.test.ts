import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let outsider: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

async function caseFor(agent: Agent, firstName: string, extra: Record<string, unknown> = {}) {
  const person = json(await agent.post('/api/persons', { firstName, lastName: 'Relatives' }))
  const acc = json(await agent.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team, ...extra }))
  return { person, acc }
}

it('involves a relative with the consent recorded, sealed, audited and versioned', async () => {
  const { acc } = await caseFor(worker, 'Yanis')
  const body = { name: 'Samira Haddad', relationship: 'parent', involvement: 'participates', consent: 'given', consentOn: '2026-11-02' }
  const created = await worker.post(`/api/accompaniments/${acc.id}/relatives`, {
    ...body,
    note: 'Mère très inquiète, vient aux entretiens',
  })
  expect(created.statusCode).toBe(201)
  expect(created.headers.etag).toBe('"1"')
  const rel = json(created)
  expect(rel).toMatchObject({ ...body, note: 'Mère très inquiète, vient aux entretiens', endedOn: null, linkedCases: [], version: 1 })

  const raw = await t.services.db.selectFrom('case_relatives').selectAll().where('id', '=', rel.id).executeTakeFirstOrThrow()
  expect(raw.name_sealed).not.toContain('Samira')
  expect(raw.note_sealed).not.toContain('inquiète')
  const [entry] = await auditRows(t.services, 'case_relative.added')
  expect(entry).toMatchObject({ subject_type: 'case_relative', subject_id: rel.id })
  expect(JSON.stringify(entry)).not.toContain('Samira')

  // A consent marked given needs its date; the error names the field.
  const bad = await worker.post(`/api/accompaniments/${acc.id}/relatives`, { ...body, consentOn: null })
  expect(bad.statusCode).toBe(400)
  expect(json(bad).errors[0]).toMatchObject({ field: 'consentOn' })

  const ended = { ...body, endedOn: '2026-11-20', involvement: 'informed' }
  expect((await worker.put(`/api/accompaniments/${acc.id}/relatives/${rel.id}`, ended)).statusCode).toBe(428)
  const updated = await worker.put(`/api/accompaniments/${acc.id}/relatives/${rel.id}`, ended, { 'if-match': '"1"' })
  expect(json(updated)).toMatchObject({ endedOn: '2026-11-20', involvement: 'informed', version: 2 })
  const stale = await worker.put(
    `/api/accompaniments/${acc.id}/relatives/${rel.id}`,
    { ...ended, name: 'Overwritten' },
    { 'if-match': '"1"' },
  )
  expect(stale.statusCode).toBe(412)
  expect(json(await worker.get(`/api/accompaniments/${acc.id}/relatives`)).items.map((r: { name: string }) => r.name)).toEqual([
    'Samira Haddad',
  ])
})

it('links the relative to their own case and shows related cases only to those who may see them', async () => {
  const { person: concerned, acc: concernedCase } = await caseFor(worker, 'Ilyas')
  const mother = json(await worker.post('/api/persons', { firstName: 'Nadia', lastName: 'Relatives' }))
  const motherCase = json(
    await worker.post('/api/accompaniments', {
      kind: 'relative',
      personId: mother.id,
      teamId: team,
      relationship: 'parent',
      concernedPersonId: concerned.id,
    }),
  )
  const rel = json(
    await worker.post(`/api/accompaniments/${concernedCase.id}/relatives`, {
      name: 'Nadia (mère)',
      relationship: 'parent',
      personId: mother.id,
      involvement: 'own_accompaniment',
      consent: 'not_asked',
    }),
  )
  expect(rel.linkedCases).toEqual([{ id: motherCase.id, code: motherCase.code, kind: 'relative', status: motherCase.status }])

  const fromConcerned = json(await worker.get(`/api/accompaniments/${concernedCase.id}/relatives`))
  expect(fromConcerned.relatedCases).toEqual([
    { id: motherCase.id, code: motherCase.code, kind: 'relative', status: motherCase.status, relationship: 'parent' },
  ])
  const fromMother = json(await worker.get(`/api/accompaniments/${motherCase.id}/relatives`))
  expect(fromMother.relatedCases.map((c: { id: string }) => c.id)).toEqual([concernedCase.id])

  // Handed over to a colleague, the mother's case disappears from the list, and the colleague,
  // who sees the mother's case, does not learn of the concerned person's.
  const lead = await t.as(['lead'], { teamIds: [team] })
  const colleague = await t.as(['worker'], { teamIds: [team] })
  const handed = await lead.post(
    `/api/accompaniments/${motherCase.id}/assign`,
    { primaryWorkerId: colleague.userId },
    { 'if-match': `"${json(await lead.get(`/api/accompaniments/${motherCase.id}`)).version}"` },
  )
  expect(handed.statusCode).toBe(200)
  expect(json(await worker.get(`/api/accompaniments/${concernedCase.id}/relatives`)).relatedCases).toEqual([])
  expect(json(await worker.get(`/api/accompaniments/${concernedCase.id}/relatives`)).items[0].linkedCases).toEqual([])
  expect(json(await colleague.get(`/api/accompaniments/${motherCase.id}/relatives`)).relatedCases).toEqual([])
  expect(json(await lead.get(`/api/accompaniments/${concernedCase.id}/relatives`)).relatedCases.map((c: { id: string }) => c.id)).toEqual([
    motherCase.id,
  ])
  expect((await outsider.get(`/api/accompaniments/${concernedCase.id}/relatives`)).statusCode).toBe(404)
  const foreign = { name: 'X', relationship: 'parent', involvement: 'informed', consent: 'not_asked' }
  expect((await outsider.post(`/api/accompaniments/${concernedCase.id}/relatives`, foreign)).statusCode).toBe(404)
})

it('refuses a relative who is the client, or an unknown person', async () => {
  const { person, acc } = await caseFor(worker, 'Sami')
  const base = { name: 'X', relationship: 'sibling', involvement: 'informed', consent: 'not_asked' }
  const self = await worker.post(`/api/accompaniments/${acc.id}/relatives`, { ...base, personId: person.id })
  expect(json(self).errors[0]).toMatchObject({ field: 'personId', code: 'is_client' })
  // A person who does not exist answers like one the caller may not read: the id tells nothing.
  const ghost = await worker.post(`/api/accompaniments/${acc.id}/relatives`, { ...base, personId: crypto.randomUUID() })
  expect(ghost.statusCode).toBe(400)
  expect(json(ghost).errors[0]).toMatchObject({ field: 'personId', code: 'unknown_person' })
  expect(json(await worker.get(`/api/accompaniments/${acc.id}/relatives`)).items).toEqual([])
})

it('links only a registered person the caller may read: theirs, or through a case they see (pen-test)', async () => {
  const { acc } = await caseFor(worker, 'Adam')
  const base = { name: 'Lien', relationship: 'sibling', involvement: 'informed', consent: 'not_asked' }
  // Registered by a worker of another team, on no case the worker sees.
  const stranger = json(await outsider.post('/api/persons', { firstName: 'Hidden', lastName: 'Stranger' }))
  const refused = await worker.post(`/api/accompaniments/${acc.id}/relatives`, { ...base, personId: stranger.id })
  expect(refused.statusCode).toBe(400)
  expect(json(refused).errors[0]).toMatchObject({ field: 'personId', code: 'unknown_person' })
  expect(json(await worker.get(`/api/accompaniments/${acc.id}/relatives`)).items).toEqual([])
  // Nor by changing an existing relative.
  const rel = json(await worker.post(`/api/accompaniments/${acc.id}/relatives`, base))
  const changed = await worker.put(
    `/api/accompaniments/${acc.id}/relatives/${rel.id}`,
    { ...base, personId: stranger.id },
    { 'if-match': '"1"' },
  )
  expect(json(changed).errors[0]).toMatchObject({ field: 'personId', code: 'unknown_person' })
  expect(json(await worker.get(`/api/accompaniments/${acc.id}/relatives`)).items[0]).toMatchObject({ personId: null, version: 1 })
  // A person registered by a colleague is readable by the team lead through the colleague's case.
  const colleague = await t.as(['worker'], { teamIds: [team] })
  const lead = await t.as(['lead'], { teamIds: [team] })
  const { person: brother } = await caseFor(colleague, 'Brother')
  const linked = await lead.post(`/api/accompaniments/${acc.id}/relatives`, { ...base, name: 'Frère', personId: brother.id })
  expect(linked.statusCode, linked.body).toBe(201)
  expect(json(linked).personId).toBe(brother.id)
  // The lead cannot read the worker's own registration: they cannot link it, but they may edit
  // a relative the worker linked to it without undoing the link.
  const cousin = json(await worker.post('/api/persons', { firstName: 'Cousin', lastName: 'Registered' }))
  expect(json(await lead.post(`/api/accompaniments/${acc.id}/relatives`, { ...base, personId: cousin.id })).errors[0].code).toBe(
    'unknown_person',
  )
  const mine = json(await worker.post(`/api/accompaniments/${acc.id}/relatives`, { ...base, name: 'Cousin', personId: cousin.id }))
  const edited = await lead.put(
    `/api/accompaniments/${acc.id}/relatives/${mine.id}`,
    { ...base, name: 'Cousin', personId: cousin.id, consent: 'refused' },
    { 'if-match': '"1"' },
  )
  expect(edited.statusCode, edited.body).toBe(200)
  expect(json(edited)).toMatchObject({ personId: cousin.id, consent: 'refused', version: 2 })
})

it('records on the audit entry every person the list shows: registered relatives and related cases’ clients', async () => {
  const { person: concerned, acc: concernedCase } = await caseFor(worker, 'Karim')
  const father = json(await worker.post('/api/persons', { firstName: 'Omar', lastName: 'Relatives' }))
  const teacher = json(await worker.post('/api/persons', { firstName: 'Prof', lastName: 'Relatives' }))
  const teacherCase = json(
    await worker.post('/api/accompaniments', {
      kind: 'professional',
      personId: teacher.id,
      teamId: team,
      relationship: 'teacher',
      concernedPersonId: concerned.id,
    }),
  )
  await worker.post(`/api/accompaniments/${concernedCase.id}/relatives`, {
    name: 'Omar (père)',
    relationship: 'parent',
    personId: father.id,
    involvement: 'informed',
    consent: 'not_asked',
  })
  const list = json(await worker.get(`/api/accompaniments/${concernedCase.id}/relatives`))
  expect(list.relatedCases.map((c: { id: string }) => c.id)).toEqual([teacherCase.id])
  const [entry] = (await auditRows(t.services, 'case_relative.listed')).filter((r) => r.subject_id === concernedCase.id)
  expect(entry?.person_id).toBe(concerned.id)
  expect(String(entry?.persons).split(',').sort()).toEqual([concerned.id, father.id, teacher.id].sort())
  // From the professional's case, the related case shown is the concerned person's own.
  expect(json(await worker.get(`/api/accompaniments/${teacherCase.id}/relatives`)).relatedCases.map((c: { id: string }) => c.id)).toEqual([
    concernedCase.id,
  ])
  const [fromTeacher] = (await auditRows(t.services, 'case_relative.listed')).filter((r) => r.subject_id === teacherCase.id)
  expect(String(fromTeacher?.persons).split(',').sort()).toEqual([teacher.id, concerned.id].sort())
})
