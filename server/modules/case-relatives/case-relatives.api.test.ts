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
  const ghost = await worker.post(`/api/accompaniments/${acc.id}/relatives`, { ...base, personId: crypto.randomUUID() })
  expect(json(ghost).errors[0]).toMatchObject({ field: 'personId', code: 'not_found' })
  expect(json(await worker.get(`/api/accompaniments/${acc.id}/relatives`)).items).toEqual([])
})
