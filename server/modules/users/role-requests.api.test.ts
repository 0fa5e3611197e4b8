import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness'

/**
 * Roles, and a lead's teams, are given by two people (ADR 0007): what an admin asks for waits,
 * gives nothing, and takes effect on the user's next request once another admin or the DPO
 * confirms it. The requester never confirms; taking access away stays immediate.
 */
let t: TestApp
let adminA: Agent & { userId: string; email: string }
let adminB: Agent & { userId: string; email: string }
let dpo: Agent & { userId: string; email: string }
let teamId: string
let caseId: string
beforeAll(async () => {
  t = await startTestApp()
  adminA = await t.as(['admin'])
  adminB = await t.as(['admin'])
  dpo = await t.as(['dpo'])
  teamId = await t.team()
  const intake = await t.as(['intake'])
  const person = json(await intake.post('/api/persons', { firstName: 'Requête', lastName: 'Seconde' }))
  caseId = json(await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId })).id
})
afterAll(() => t.close())

let n = 0
/** An account created by admin A through the API, signed in (its roles still waiting). */
async function requested(roles: string[], teamIds: string[] = []) {
  n += 1
  const email = `requested-${n}-${Date.now()}@test.parcours.test`
  const created = await adminA.post('/api/users', { email, displayName: `Demandé ${n}`, roles, teamIds })
  expect(created.statusCode, created.body).toBe(201)
  const { user, activationToken } = json(created)
  expect((await t.agent().post('/api/auth/activate', { token: activationToken, password: TEST_PASSWORD })).statusCode).toBe(200)
  const agent = t.agent()
  expect((await agent.post('/api/auth/login', { email, password: TEST_PASSWORD })).statusCode).toBe(200)
  return { user, agent, requestId: user.pending.requestId as string }
}

const confirm = (agent: Agent, id: string, version = 1) =>
  agent.post(`/api/role-requests/${id}/confirm`, {}, { 'if-match': `"${version}"` })
const refuse = (agent: Agent, id: string, reason: unknown, version = 1) =>
  agent.post(`/api/role-requests/${id}/refuse`, { reason }, { 'if-match': `"${version}"` })

describe('a requested role', () => {
  it('gives no permission while it waits', async () => {
    const { user, agent } = await requested(['worker'])
    expect(user).toMatchObject({ roles: [], pending: { roles: ['worker'], teamIds: [] } })
    expect((await agent.get('/api/accompaniments')).statusCode).toBe(403)
    expect(json(await agent.get('/api/me'))).toMatchObject({ roles: [], abilities: [] })
    const created = (await auditRows(t.services, 'user.created')).find((r) => r.subject_id === user.id)
    expect(JSON.parse(created?.details ?? '{}')).toMatchObject({ roles: [], requested: { id: user.pending.requestId, roles: ['worker'] } })
  })

  it('cannot be confirmed by the admin who asked for it; the attempt is recorded', async () => {
    const { requestId, agent } = await requested(['worker'])
    const res = await confirm(adminA, requestId)
    expect(res.statusCode).toBe(403)
    expect(json(res).code).toBe('access.second_person_required')
    const list = json(await adminA.get('/api/role-requests'))
    expect(list.items.find((r: { id: string }) => r.id === requestId)).toMatchObject({ status: 'pending', mayConfirm: false })
    expect((await agent.get('/api/accompaniments')).statusCode).toBe(403)
    const denied = (await auditRows(t.services, 'access.denied')).filter((r) => r.subject_id === requestId)
    expect(denied).toHaveLength(1)
    expect(denied[0]).toMatchObject({ actor_id: adminA.userId, subject_type: 'role_request', outcome: 'denied' })
    expect(JSON.parse(denied[0]?.details ?? '{}')).toMatchObject({ reason: 'access.second_person_required' })
    expect((await auditRows(t.services, 'user.role_confirmed')).filter((r) => r.details?.includes(requestId))).toEqual([])
  })

  it('takes effect on the user’s next request once another admin confirms it, and the DPO is told', async () => {
    const { user, requestId, agent } = await requested(['worker'])
    const listed = json(await adminB.get('/api/role-requests')).items.find((r: { id: string }) => r.id === requestId)
    expect(listed).toMatchObject({ mayConfirm: true, roles: ['worker'], requestedBy: { id: adminA.userId }, user: { id: user.id } })
    const before = json(await adminA.get(`/api/users/${user.id}`)).version
    const res = await confirm(adminB, requestId)
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ status: 'confirmed', decidedBy: { id: adminB.userId }, version: 2, mayConfirm: false })
    // Same session, no new sign-in: the next request has the role.
    expect((await agent.get('/api/accompaniments')).statusCode).toBe(200)
    expect(json(await adminA.get(`/api/users/${user.id}`))).toMatchObject({ roles: ['worker'], pending: null, version: before + 1 })
    const [entry] = (await auditRows(t.services, 'user.role_confirmed')).filter((r) => r.subject_id === user.id)
    expect(entry?.actor_id).toBe(adminB.userId)
    const details = JSON.parse(entry?.details ?? '{}')
    expect(details).toMatchObject({ request: requestId, requestedBy: adminA.userId, roles: ['worker'], teamIds: [] })
    const alerts = json(await dpo.get('/api/dpo-alerts')).items.filter((a: { user: { id: string } }) => a.user.id === user.id)
    expect(alerts).toEqual([expect.objectContaining({ id: details.dpoAlert, kind: 'grant_confirmed', roles: ['worker'] })])
    expect(alerts[0].actor.id).toBe(adminB.userId)
  })

  it('gives a lead their team’s cases only once confirmed, on the next request', async () => {
    const { requestId, agent } = await requested(['lead'], [teamId])
    expect((await agent.get(`/api/accompaniments/${caseId}`)).statusCode).toBe(403)
    expect((await confirm(dpo, requestId)).statusCode).toBe(200)
    const read = await agent.get(`/api/accompaniments/${caseId}`)
    expect(read.statusCode, read.body).toBe(200)
    expect(json(read).id).toBe(caseId)
  })

  it('may be confirmed by the DPO, who is then not alerted about their own decision', async () => {
    const { user, requestId } = await requested(['intake'])
    expect((await confirm(dpo, requestId)).statusCode).toBe(200)
    const entry = (await auditRows(t.services, 'user.role_confirmed')).find((r) => r.subject_id === user.id)
    expect(entry).toMatchObject({ actor_id: dpo.userId, actor_role: 'dpo' })
    expect(JSON.parse(entry?.details ?? '{}').dpoAlert).toBeNull()
    expect(json(await dpo.get('/api/dpo-alerts')).items.some((a: { user: { id: string } }) => a.user.id === user.id)).toBe(false)
  })

  it('is decided once, with the version it was seen at', async () => {
    const { requestId } = await requested(['worker'])
    expect((await adminB.post(`/api/role-requests/${requestId}/confirm`, {})).statusCode).toBe(428)
    expect((await confirm(adminB, requestId, 7)).statusCode).toBe(412)
    expect((await confirm(adminB, requestId)).statusCode).toBe(200)
    const again = await confirm(dpo, requestId, 2)
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe('state.invalid_transition')
    expect((await confirm(adminB, crypto.randomUUID())).statusCode).toBe(404)
  })

  it('can be refused with a reason, and then gives nothing', async () => {
    const { user, requestId, agent } = await requested(['worker'])
    const blank = await refuse(adminB, requestId, '  ')
    expect(blank.statusCode).toBe(400)
    expect(json(blank).errors[0].field).toBe('reason')
    const res = await refuse(adminB, requestId, 'Formation pas encore suivie')
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ status: 'refused', reason: 'Formation pas encore suivie', decidedBy: { id: adminB.userId } })
    expect((await confirm(dpo, requestId, 2)).statusCode).toBe(409)
    expect((await agent.get('/api/accompaniments')).statusCode).toBe(403)
    expect(json(await adminA.get(`/api/users/${user.id}`))).toMatchObject({ roles: [], pending: null })
    const refused = json(await adminA.get('/api/role-requests?status=refused')).items.find((r: { id: string }) => r.id === requestId)
    expect(refused).toMatchObject({ status: 'refused', roles: ['worker'] })
    const entry = (await auditRows(t.services, 'user.role_refused')).find((r) => r.subject_id === user.id)
    expect(entry?.actor_id).toBe(adminB.userId)
  })

  it('may be withdrawn by the admin who asked, by refusing it', async () => {
    const { requestId, agent } = await requested(['lead'])
    const res = await refuse(adminA, requestId, 'Demande faite par erreur')
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ status: 'refused', decidedBy: { id: adminA.userId } })
    expect((await agent.get(`/api/teams/${teamId}/members`)).statusCode).toBe(403)
  })

  it('is never decided by the user it is for', async () => {
    // Admin C is asked the DPO role by admin A: C may neither confirm nor refuse it.
    const c = await t.as(['admin'])
    const view = json(await adminA.get(`/api/users/${c.userId}`))
    const patched = await adminA.patch(`/api/users/${c.userId}`, { roles: ['admin', 'dpo'] }, { 'if-match': `"${view.version}"` })
    const requestId = json(patched).pending.requestId
    expect(json(await c.get('/api/role-requests')).items.find((r: { id: string }) => r.id === requestId).mayConfirm).toBe(false)
    expect(json(await confirm(c, requestId)).code).toBe('access.self_change')
    expect(json(await refuse(c, requestId, 'non')).code).toBe('access.self_change')
    expect(json(await c.get('/api/me')).roles).toEqual(['admin'])
  })

  it('is refused to callers who are neither admin nor DPO', async () => {
    const worker = await t.as(['worker'])
    expect((await worker.get('/api/role-requests')).statusCode).toBe(403)
  })
})

describe('changing the roles and teams of a user', () => {
  const patch = async (id: string, body: Record<string, unknown>, by: Agent = adminA) => {
    const view = json(await by.get(`/api/users/${id}`))
    const res = await by.patch(`/api/users/${id}`, body, { 'if-match': `"${view.version}"` })
    expect(res.statusCode, res.body).toBe(200)
    return json(res)
  }

  it('takes a role away at once and signs the user out; adds a new one only as a request', async () => {
    const u = await t.user(['worker', 'intake'])
    const agent = t.agent()
    await agent.post('/api/auth/login', { email: u.email, password: u.password })
    const after = await patch(u.id, { roles: ['intake', 'lead'] })
    expect(after).toMatchObject({ roles: ['intake'], pending: { roles: ['lead'], teamIds: [] } })
    expect((await agent.get('/api/me')).statusCode).toBe(401)
    const entry = (await auditRows(t.services, 'user.updated')).filter((r) => r.subject_id === u.id).at(-1)
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({
      fields: ['roles'],
      removed: { roles: ['worker'], teamIds: [] },
      requested: { roles: ['lead'], teamIds: [] },
      withdrawn: null,
    })
  })

  it('makes a lead’s new team wait, but gives a worker’s team at once', async () => {
    const lead = await t.user(['lead'])
    expect(await patch(lead.id, { teamIds: [teamId] })).toMatchObject({ teamIds: [], pending: { roles: [], teamIds: [teamId] } })
    const worker = await t.user(['worker'])
    expect(await patch(worker.id, { teamIds: [teamId] })).toMatchObject({ teamIds: [teamId], pending: null })
    // Taking the team away from the lead-to-be is immediate too, and drops what waited.
    const team2 = await t.team()
    const lead2 = await t.user(['lead'], { teamIds: [teamId] })
    expect(await patch(lead2.id, { teamIds: [team2] })).toMatchObject({ teamIds: [], pending: { teamIds: [team2] } })
  })

  it('keeps the waiting request when the form sends the same again, and replaces it on a new change', async () => {
    const u = await t.user(['intake'])
    const first = await patch(u.id, { roles: ['intake', 'worker'] })
    // Another admin saves the form unchanged (what is held and what waits): the request stays admin A's.
    const same = await patch(u.id, { displayName: 'Renommé', roles: ['intake', 'worker'] }, adminB)
    expect(same.pending).toEqual(first.pending)
    expect(json(await confirm(adminA, first.pending.requestId)).code).toBe('access.second_person_required')
    // Admin B asks for more: the request is now B's, and A's is withdrawn.
    const more = await patch(u.id, { roles: ['intake', 'worker', 'researcher'] }, adminB)
    expect(more.pending).toMatchObject({ roles: ['worker', 'researcher'], requestedBy: { id: adminB.userId } })
    expect((await confirm(adminB, first.pending.requestId)).statusCode).toBe(409)
    const withdrawn = json(await adminA.get('/api/role-requests?status=withdrawn')).items.find(
      (r: { id: string }) => r.id === first.pending.requestId,
    )
    expect(withdrawn).toMatchObject({ decidedBy: { id: adminB.userId } })
    // Unticking everything new drops the request.
    expect(await patch(u.id, { roles: ['intake'] })).toMatchObject({ roles: ['intake'], pending: null })
  })

  it('refuses an unknown team in a request, naming the field, and writes nothing', async () => {
    const u = await t.user(['lead'])
    const view = json(await adminA.get(`/api/users/${u.id}`))
    const res = await adminA.patch(`/api/users/${u.id}`, { teamIds: [crypto.randomUUID()] }, { 'if-match': `"${view.version}"` })
    expect(res.statusCode).toBe(400)
    expect(json(res).errors[0].field).toBe('teamIds')
    expect(json(await adminA.get(`/api/users/${u.id}`))).toMatchObject({ version: view.version, pending: null })
  })
})
