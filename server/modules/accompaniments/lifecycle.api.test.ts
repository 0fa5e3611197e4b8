import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp, serviceDate } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let intruder: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  intruder = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

async function activeCase() {
  const person = json(await worker.post('/api/persons', { firstName: 'Oussama', lastName: 'Chaouki' }))
  const created = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  expect(created.status).toBe('active')
  return created as { id: string; version: number }
}

const v = (n: number) => ({ 'if-match': `"${n}"` })

it('suspends and resumes, each step from the version the caller saw', async () => {
  const c = await activeCase()
  expect((await worker.post(`/api/accompaniments/${c.id}/status`, { to: 'suspended' })).statusCode).toBe(428)
  const suspended = await worker.post(`/api/accompaniments/${c.id}/status`, { to: 'suspended', reason: 'Hospitalisation' }, v(c.version))
  expect(json(suspended)).toMatchObject({ status: 'suspended', version: c.version + 1 })
  expect((await worker.post(`/api/accompaniments/${c.id}/status`, { to: 'active' }, v(c.version))).statusCode).toBe(412)
  expect(json(await worker.post(`/api/accompaniments/${c.id}/status`, { to: 'active' }, v(c.version + 1))).status).toBe('active')
})

it('closes only with an outcome, a reason and the team lead’s approval; refusal and reopening are recorded', async () => {
  const c = await activeCase()
  const missing = await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'goals_reached' }, v(1))
  expect(json(missing).errors[0].field).toBe('reason')
  const requested = json(
    await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'goals_reached', reason: 'Emploi stable, réseau positif' }, v(1)),
  )
  expect(requested).toMatchObject({ status: 'closing', closureOutcome: 'goals_reached', closureReason: 'Emploi stable, réseau positif' })
  // The worker cannot approve their own closure request.
  expect((await worker.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(2))).statusCode).toBe(403)
  expect(json(await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: false }, v(2))).errors[0].field).toBe('note')
  const refused = json(
    await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: false, note: 'Attendre la fin du mandat' }, v(2)),
  )
  expect(refused).toMatchObject({ status: 'active', closureOutcome: null })
  json(await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'mandate_ended', reason: 'Fin du mandat' }, v(3)))
  const closed = json(await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(4)))
  expect(closed).toMatchObject({ status: 'closed', closureOutcome: 'mandate_ended' })
  const wrong = await worker.post(`/api/accompaniments/${c.id}/status`, { to: 'suspended' }, v(5))
  expect(json(wrong).code).toBe('state.invalid_transition')
  expect(json(await worker.post(`/api/accompaniments/${c.id}/reopen`, { reason: 'Rechute signalée par la famille' }, v(5))).status).toBe(
    'active',
  )

  const timeline = json(await worker.get(`/api/accompaniments/${c.id}/timeline`)).items
  expect(timeline.map((e: { type: string }) => e.type)).toEqual([
    'reopen',
    'approve_closure',
    'request_closure',
    'refuse_closure',
    'request_closure',
    'created',
  ])
  expect(timeline[3]).toMatchObject({ note: 'Attendre la fin du mandat', actorId: lead.userId, data: { from: 'closing', to: 'active' } })
  const audited = (await auditRows(t.services)).filter((r) => r.subject_id === c.id).map((r) => r.action)
  expect(audited).toEqual(
    expect.arrayContaining(['accompaniment.request_closure', 'accompaniment.approve_closure', 'accompaniment.reopen']),
  )
  expect(JSON.stringify(await auditRows(t.services))).not.toContain('Rechute')
})

it('gives the lead a dashboard of the team: counts by status, kind, framework and worker, closures to decide', async () => {
  const c = await activeCase()
  await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'moved_away', reason: 'Déménagement à Gand' }, v(1))
  const d = json(await lead.get(`/api/dashboard/caseload?teamId=${team}`))
  expect(d.open).toBeGreaterThanOrEqual(1)
  expect(d.byStatus.find((x: { key: string }) => x.key === 'closing').count).toBeGreaterThanOrEqual(1)
  expect(d.byKind).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'concerned' })]))
  expect(d.byWorker.find((x: { userId: string }) => x.userId === worker.userId).count).toBeGreaterThanOrEqual(1)
  expect(d.awaitingClosure.map((x: { id: string }) => x.id)).toContain(c.id)
  // The client's name only in the names beside the codes (issue 12), never in a count or list row.
  const { clients, ...counts } = d
  expect(JSON.stringify(counts)).not.toContain('Chaouki')
  expect(clients[c.id]).toEqual({ firstName: 'Oussama', lastName: 'Chaouki' })
  expect((await lead.get(`/api/dashboard/caseload?teamId=${crypto.randomUUID()}`)).statusCode).toBe(404)
})

it('shows the lead overdue tasks per worker and by case code, without their titles; the closure carries its version', async () => {
  const c = await activeCase()
  const other = await activeCase()
  const day = serviceDate
  const task = (id: string, title: string, dueDate: string) => worker.post(`/api/accompaniments/${id}/tasks`, { title, dueDate })
  const late = json(await task(c.id, 'Rappeler la mère de Oussama', day(-3)))
  json(await task(c.id, 'Préparer le rapport', day(2)))
  const done = json(await task(other.id, 'Envoyer le courrier', day(-5)))
  expect(
    (await worker.post(`/api/accompaniments/${other.id}/tasks/${done.id}/status`, { status: 'done' }, v(done.version))).statusCode,
  ).toBe(200)
  const before = json(await lead.get(`/api/dashboard/caseload?teamId=${team}`)).overdueTasks

  await worker.post(`/api/accompaniments/${other.id}/closure`, { outcome: 'moved_away', reason: 'Déménagement' }, v(1))
  const d = json(await lead.get(`/api/dashboard/caseload?teamId=${team}`))
  const ids = d.overdueTasks.items.map((x: { id: string }) => x.id)
  expect(ids).toContain(late.id)
  expect(ids).not.toContain(done.id)
  expect(d.overdueTasks.items.find((x: { id: string }) => x.id === late.id)).toEqual({
    id: late.id,
    accompanimentId: c.id,
    accompanimentCode: expect.any(String),
    dueDate: day(-3),
    assigneeId: worker.userId,
    assigneeName: expect.any(String),
  })
  expect(d.overdueTasks.byWorker.find((x: { userId: string }) => x.userId === worker.userId).count).toBe(d.overdueTasks.total)
  expect(d.overdueTasks.total).toBe(before.total)
  expect(JSON.stringify(d)).not.toContain('Rappeler')
  const closing = d.awaitingClosure.find((x: { id: string }) => x.id === other.id)
  expect(closing.version).toBe(2)
  expect(json(await lead.post(`/api/accompaniments/${other.id}/closure/decision`, { approve: true }, v(closing.version))).status).toBe(
    'closed',
  )

  // A closed case's forgotten task no longer counts as the team's backlog.
  json(await task(c.id, 'Appeler le SAJ', day(-1)))
  await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'moved_away', reason: 'Déménagement' }, v(1))
  json(await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(2)))
  const after = json(await lead.get(`/api/dashboard/caseload?teamId=${team}`)).overdueTasks
  expect(after.items.map((x: { id: string }) => x.id)).not.toContain(late.id)
  expect(after.total).toBe(before.total - 1)
})

it('lists the cases waiting for a worker and the mandates ending within 30 days, by code', async () => {
  const intake = await t.as(['intake'], { teamIds: [team] })
  const person = json(await intake.post('/api/persons', { firstName: 'Yasmina', lastName: 'El Amrani' }))
  const day = serviceDate
  const judicial = (mandateEnd: string) => ({
    framework: 'judicial',
    measure: 'youth_protection',
    authorityKind: 'youth_court',
    authority: 'Tribunal de la jeunesse de Bruxelles',
    mandateStart: day(-200),
    mandateEnd,
  })
  const waiting = json(
    await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team, framework: judicial(day(10)) }),
  )
  const later = json(
    await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team, framework: judicial(day(90)) }),
  )
  const d = json(await lead.get(`/api/dashboard/caseload?teamId=${team}`))
  expect(d.unassignedCases.map((x: { id: string }) => x.id)).toContain(waiting.id)
  expect(d.unassignedCases.map((x: { id: string }) => x.id)).not.toContain(later.id)
  expect(d.unassigned).toBe(d.unassignedCases.length)
  expect(d.mandatesEnding.find((x: { id: string }) => x.id === waiting.id)).toEqual({
    id: waiting.id,
    code: expect.any(String),
    mandateEnd: day(10),
  })
  expect(d.mandatesEnding.map((x: { id: string }) => x.id)).not.toContain(later.id)
  expect(d.mandatesEndingSoon).toBe(d.mandatesEnding.length)
  const { clients: _names, ...rows } = d
  expect(JSON.stringify(rows)).not.toContain('El Amrani')
})

it("records on the dashboard's audit entry the client of every case it lists", async () => {
  const intake = await t.as(['intake'], { teamIds: [team] })
  const day = serviceDate
  const client = async (by: Agent, lastName: string) => json(await by.post('/api/persons', { firstName: 'Client', lastName })).id as string
  const closing = await activeCase()
  await worker.post(`/api/accompaniments/${closing.id}/closure`, { outcome: 'moved_away', reason: 'Déménagement' }, v(1))
  const waitingClient = await client(intake, 'Attente')
  json(await intake.post('/api/accompaniments', { kind: 'concerned', personId: waitingClient, teamId: team }))
  const endingClient = await client(worker, 'Mandat')
  json(
    await worker.post('/api/accompaniments', {
      kind: 'concerned',
      personId: endingClient,
      teamId: team,
      framework: {
        framework: 'judicial',
        measure: 'youth_protection',
        authorityKind: 'youth_court',
        authority: 'Tribunal de la jeunesse de Liège',
        mandateStart: day(-100),
        mandateEnd: day(5),
      },
    }),
  )
  const lateClient = await client(worker, 'Retard')
  const late = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: lateClient, teamId: team }))
  await worker.post(`/api/accompaniments/${late.id}/tasks`, { title: 'Rappeler', dueDate: day(-2) })

  const d = json(await lead.get(`/api/dashboard/caseload?teamId=${team}`))
  const listed = [
    ...d.awaitingClosure.map((x: { id: string }) => x.id),
    ...d.unassignedCases.map((x: { id: string }) => x.id),
    ...d.mandatesEnding.map((x: { id: string }) => x.id),
    ...d.overdueTasks.items.map((x: { accompanimentId: string }) => x.accompanimentId),
  ]
  expect(listed).toEqual(expect.arrayContaining([closing.id, late.id]))
  const clients = new Set<string>()
  for (const id of new Set(listed)) clients.add(json(await lead.get(`/api/accompaniments/${id}`)).personId)
  expect([...clients]).toEqual(expect.arrayContaining([waitingClient, endingClient, lateClient]))
  const entry = (await auditRows(t.services, 'dashboard.viewed')).at(-1)
  const shown = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', Number(entry?.seq)).execute()
  expect(shown.map((r) => r.person_id).sort()).toEqual([...clients].sort())
})

it('lets a break-the-glass reader read but not steer', async () => {
  const c = await activeCase()
  await intruder.post(`/api/accompaniments/${c.id}/break-glass`, { reason: 'Appel urgent hors heures de bureau' })
  expect((await intruder.get(`/api/accompaniments/${c.id}`)).statusCode).toBe(200)
  expect((await intruder.post(`/api/accompaniments/${c.id}/status`, { to: 'suspended' }, v(1))).statusCode).toBe(403)
})
