import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let teamA: string
let teamB: string
let intake: Agent & { userId: string }
let worker: Agent & { userId: string }
let coWorker: Agent & { userId: string }
let lead: Agent & { userId: string }
let otherWorker: Agent & { userId: string }
let otherLead: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  teamA = await t.team('Équipe A')
  teamB = await t.team('Équipe B')
  intake = await t.as(['intake'], { teamIds: [teamA] })
  worker = await t.as(['worker'], { teamIds: [teamA] })
  coWorker = await t.as(['worker'], { teamIds: [teamA] })
  lead = await t.as(['lead'], { teamIds: [teamA] })
  otherWorker = await t.as(['worker'], { teamIds: [teamB] })
  otherLead = await t.as(['lead'], { teamIds: [teamB] })
})
afterAll(() => t.close())

async function newCase(by: Agent, body: Record<string, unknown> = {}) {
  const person = json(await by.post('/api/persons', { firstName: 'Kevin', lastName: 'Janssens' }))
  const res = await by.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: teamA, ...body })
  expect(res.statusCode, res.body).toBe(201)
  return { id: json(res).id as string, personId: person.id as string }
}

describe('accompaniments', () => {
  it('intake opens a case for the team without reading it; the lead assigns it and it becomes active', async () => {
    const { id, personId } = await newCase(intake, {
      framework: {
        framework: 'judicial',
        measure: 'probation_condition',
        authorityKind: 'justice_house',
        authority: 'Maison de justice de Bruxelles — AJ Dupuis',
        conditions: 'Suivre un accompagnement',
        mandateStart: '2026-10-01',
        mandateEnd: '2027-10-01',
      },
    })
    expect(Object.keys(json(await intake.post('/api/accompaniments', { kind: 'concerned', personId, teamId: teamA })))).toEqual(['id'])
    expect((await intake.get(`/api/accompaniments/${id}`)).statusCode).toBe(403)
    const seenByLead = json(await lead.get(`/api/accompaniments/${id}`))
    expect(seenByLead).toMatchObject({ status: 'intake', access: 'lead', personName: 'Kevin Janssens', framework: 'judicial' })
    expect(seenByLead.judicial).toMatchObject({
      measure: 'probation_condition',
      authority: 'Maison de justice de Bruxelles — AJ Dupuis',
      mandateEnd: '2027-10-01',
    })
    expect((await worker.get(`/api/accompaniments/${id}`)).statusCode).toBe(404)

    const assigned = await lead.post(`/api/accompaniments/${id}/assign`, { primaryWorkerId: worker.userId, coWorkerIds: [coWorker.userId] })
    expect(assigned.statusCode, assigned.body).toBe(200)
    expect(json(assigned)).toMatchObject({ status: 'active', primaryWorkerId: worker.userId })
    expect(json(await worker.get(`/api/accompaniments/${id}`)).access).toBe('assigned')
    expect(
      json(await coWorker.get(`/api/accompaniments/${id}`))
        .workers.map((w: { role: string }) => w.role)
        .sort(),
    ).toEqual(['co', 'primary'])
    // The person becomes readable through the case.
    expect((await worker.get(`/api/persons/${personId}`)).statusCode).toBe(200)
    const timeline = json(await worker.get(`/api/accompaniments/${id}/timeline`)).items.map((e: { type: string }) => e.type)
    expect(timeline).toEqual(['assigned', 'created'])
  })

  it('keeps cases between their workers, their team lead, and no one else (404)', async () => {
    const { id, personId } = await newCase(worker)
    expect(json(await worker.get(`/api/accompaniments/${id}`))).toMatchObject({ status: 'active', access: 'assigned' })
    for (const outsider of [otherWorker, otherLead, coWorker]) {
      expect((await outsider.get(`/api/accompaniments/${id}`)).statusCode).toBe(404)
      expect((await outsider.get(`/api/accompaniments/${id}/timeline`)).statusCode).toBe(404)
      expect((await outsider.get(`/api/persons/${personId}`)).statusCode).toBe(404)
    }
    expect((await otherLead.post(`/api/accompaniments/${id}/assign`, { primaryWorkerId: otherWorker.userId })).statusCode).toBe(404)
    const list = json(await otherWorker.get('/api/accompaniments'))
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(id)
    expect(json(await worker.get('/api/accompaniments')).items.map((i: { id: string }) => i.id)).toContain(id)
  })

  it('records every client on a caseload page on the audit entry of the read', async () => {
    for (let i = 0; i < 3; i++) await newCase(worker)
    const page = json(await worker.get('/api/accompaniments?limit=2&offset=1'))
    expect(page.items).toHaveLength(2)
    const entry = (await auditRows(t.services, 'accompaniment.listed')).filter((r) => r.actor_id === worker.userId).at(-1)
    const shown = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', Number(entry?.seq)).execute()
    const clients = [...new Set(page.items.map((i: { personId: string }) => i.personId))].sort()
    expect(shown.map((r) => r.person_id).sort()).toEqual(clients)
  })

  it('shows a lead their team members with their open caseload, and no other team', async () => {
    const members = json(await lead.get(`/api/teams/${teamA}/members`))
    expect(members.team.name).toBe('Équipe A')
    const w = members.items.find((m: { id: string }) => m.id === worker.userId)
    expect(w.roles).toEqual(['worker'])
    expect(w.caseload).toBeGreaterThan(0)
    expect((await lead.get(`/api/teams/${teamB}/members`)).statusCode).toBe(404)
  })

  it('refuses to assign a worker from another team, naming the field', async () => {
    const { id } = await newCase(intake)
    const res = await lead.post(`/api/accompaniments/${id}/assign`, { primaryWorkerId: otherWorker.userId })
    expect(res.statusCode).toBe(400)
    expect(json(res).errors[0]).toMatchObject({ field: 'primaryWorkerId', code: 'not_a_team_worker' })
  })

  it('breaks the glass with a stated reason: a time-limited grant the lead and the DPO see', async () => {
    const { id, personId } = await newCase(worker)
    expect(json(await otherWorker.post(`/api/accompaniments/${id}/break-glass`, { reason: 'court' })).errors[0].field).toBe('reason')
    const res = await otherWorker.post(`/api/accompaniments/${id}/break-glass`, {
      reason: 'Appel de nuit de la mère : danger immédiat signalé',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res).access).toBe('emergency')
    expect((await otherWorker.get(`/api/persons/${personId}`)).statusCode).toBe(200)
    const audit = (await auditRows(t.services, 'accompaniment.break_glass')).filter((r) => r.subject_id === id)
    expect(audit).toHaveLength(1)
    expect(audit[0]?.details).not.toContain('danger')

    const grants = json(await lead.get('/api/access-grants')).items
    expect(grants.find((g: { accompanimentId: string }) => g.accompanimentId === id)).toMatchObject({
      userId: otherWorker.userId,
      reason: 'Appel de nuit de la mère : danger immédiat signalé',
      active: true,
    })
    // The list shows why someone opened this client's case: its audit entry names the client.
    const listed = (await auditRows(t.services, 'access_grant.listed')).filter((r) => r.actor_id === lead.userId).at(-1)
    const shown = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', Number(listed?.seq)).execute()
    expect(shown.map((r) => r.person_id)).toContain(personId)
    expect(
      json(await otherLead.get('/api/access-grants')).items.find((g: { accompanimentId: string }) => g.accompanimentId === id),
    ).toBeUndefined()
    const dpo = await t.as(['dpo'])
    expect(json(await dpo.get('/api/access-grants')).items.some((g: { accompanimentId: string }) => g.accompanimentId === id)).toBe(true)

    // When the grant expires, the case and the person disappear again.
    await t.services.db
      .updateTable('access_grants')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('accompaniment_id', '=', id)
      .execute()
    expect((await otherWorker.get(`/api/accompaniments/${id}`)).statusCode).toBe(404)
    expect((await otherWorker.get(`/api/persons/${personId}`)).statusCode).toBe(404)
  })

  it('refuses to break the glass on a case one already sees: its worker, its team lead, a live grant (409, no grant)', async () => {
    // Pen-test finding: "a worker can break the glass on their own case", which filled the lead's
    // and the DPO's list of emergency accesses with accesses that were none.
    const { id } = await newCase(worker)
    const reason = 'Je relis le dossier ce soir, par précaution'
    for (const insider of [worker, lead]) {
      const res = await insider.post(`/api/accompaniments/${id}/break-glass`, { reason })
      expect(res.statusCode, res.body).toBe(409)
      expect(json(res).code).toBe('access.already_granted')
    }
    expect(json(await lead.get('/api/access-grants')).items.map((g: { accompanimentId: string }) => g.accompanimentId)).not.toContain(id)
    // A grant once given is not given twice while it runs.
    expect((await otherWorker.post(`/api/accompaniments/${id}/break-glass`, { reason })).statusCode).toBe(200)
    const again = await otherWorker.post(`/api/accompaniments/${id}/break-glass`, { reason })
    expect(again.statusCode).toBe(409)
    expect(
      json(await lead.get('/api/access-grants')).items.filter((g: { accompanimentId: string }) => g.accompanimentId === id),
    ).toHaveLength(1)
    const timeline = json(await worker.get(`/api/accompaniments/${id}/timeline`)).items.map((e: { type: string }) => e.type)
    expect(timeline.filter((type: string) => type === 'break_glass')).toHaveLength(1)
    // A case that does not exist stays not found.
    expect((await otherWorker.post(`/api/accompaniments/${crypto.randomUUID()}/break-glass`, { reason })).statusCode).toBe(404)
  })

  it('validates kinds and frameworks field by field', async () => {
    const person = json(await worker.post('/api/persons', { firstName: 'Marie', lastName: 'Dubois' }))
    const relative = await worker.post('/api/accompaniments', { kind: 'relative', personId: person.id, teamId: teamA })
    expect(json(relative).errors[0].field).toBe('relationship')
    const judicial = await worker.post('/api/accompaniments', {
      kind: 'concerned',
      personId: person.id,
      teamId: teamA,
      framework: { framework: 'judicial' },
    })
    expect(json(judicial).errors.map((e: { field: string }) => e.field)).toContain('framework.measure')
    const stranger = json(await otherWorker.post('/api/persons', { firstName: 'X', lastName: 'Y' }))
    const notMine = await worker.post('/api/accompaniments', { kind: 'concerned', personId: stranger.id, teamId: teamA })
    expect(json(notMine).errors[0]).toMatchObject({ field: 'personId', code: 'unknown_person' })
    const ok = await worker.post('/api/accompaniments', {
      kind: 'relative',
      relationship: 'parent',
      personId: person.id,
      concernedStatus: 'unknown',
      teamId: teamA,
    })
    expect(json(ok)).toMatchObject({ kind: 'relative', relationship: 'parent', concernedStatus: 'unknown', concernedPersonId: null })
  })
})
