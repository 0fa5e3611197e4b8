import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let otherTeam: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let otherLead: Agent & { userId: string }
let dpo: Agent & { userId: string }
const v = (n: number) => ({ 'if-match': `"${n}"` })
const SESSION = {
  heldOn: '2026-03-12',
  audience: 'school',
  title: 'Sensibilisation aux discours de haine',
  organisation: 'Athénée royal de Namur',
  participants: 28,
  hours: 2.5,
  note: 'Deux classes de rhéto',
}

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  otherTeam = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  otherLead = await t.as(['lead'], { teamIds: [otherTeam] })
  dpo = await t.as(['dpo'])
})
afterAll(() => t?.close())

it('a worker logs a session of their team; it is listed by year with its texts, and the write is audited', async () => {
  const res = await worker.post('/api/training-sessions', { ...SESSION, teamId: team })
  expect(res.statusCode, res.body).toBe(201)
  expect(res.headers.etag).toBe('"1"')
  const created = json(res)
  expect(created).toMatchObject({ ...SESSION, teamId: team, version: 1, createdBy: { id: worker.userId } })
  const list = json(await lead.get(`/api/training-sessions?teamId=${team}&year=2026`))
  expect(list.total).toBe(1)
  expect(list.items[0]).toMatchObject({ id: created.id, title: SESSION.title, hours: 2.5, participants: 28 })
  expect(json(await lead.get(`/api/training-sessions?teamId=${team}&year=2025`)).total).toBe(0)
  // The DPO reads any team's log.
  expect(json(await dpo.get(`/api/training-sessions?teamId=${team}`)).total).toBe(1)
  const entry = (await auditRows(t.services, 'training_session.created')).at(-1)
  expect(entry?.subject_id).toBe(created.id)
  // The texts are sealed at rest.
  const row = await t.services.db.selectFrom('training_sessions').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
  expect(row.title_sealed).not.toContain('haine')
  expect(row.minutes).toBe(150)
})

it('edits need If-Match; a stale version is refused; only the lead deletes', async () => {
  const created = json(await worker.post('/api/training-sessions', { ...SESSION, teamId: team, audience: 'public' }))
  expect((await worker.put(`/api/training-sessions/${created.id}`, { ...SESSION, teamId: team })).statusCode).toBe(428)
  const edited = await worker.put(`/api/training-sessions/${created.id}`, { ...SESSION, teamId: team, participants: 40 }, v(1))
  expect(edited.statusCode, edited.body).toBe(200)
  expect(json(edited)).toMatchObject({ participants: 40, version: 2 })
  expect((await lead.put(`/api/training-sessions/${created.id}`, { ...SESSION, teamId: team }, v(1))).statusCode).toBe(412)
  expect((await worker.request('DELETE', `/api/training-sessions/${created.id}`, undefined, v(2))).statusCode).toBe(403)
  expect((await lead.request('DELETE', `/api/training-sessions/${created.id}`, undefined, v(1))).statusCode).toBe(412)
  expect((await lead.request('DELETE', `/api/training-sessions/${created.id}`, undefined, v(2))).statusCode).toBe(204)
  expect((await lead.request('DELETE', `/api/training-sessions/${created.id}`, undefined, v(2))).statusCode).toBe(404)
})

it('another team’s lead neither reads nor writes the log; the DPO does not write', async () => {
  const created = json(await worker.post('/api/training-sessions', { ...SESSION, teamId: team }))
  expect((await otherLead.get(`/api/training-sessions?teamId=${team}`)).statusCode).toBe(404)
  expect((await otherLead.post('/api/training-sessions', { ...SESSION, teamId: team })).statusCode).toBe(404)
  expect((await otherLead.put(`/api/training-sessions/${created.id}`, { ...SESSION, teamId: otherTeam }, v(1))).statusCode).toBe(404)
  expect((await otherLead.request('DELETE', `/api/training-sessions/${created.id}`, undefined, v(1))).statusCode).toBe(404)
  expect((await dpo.post('/api/training-sessions', { ...SESSION, teamId: team })).statusCode).toBe(403)
  expect(json(await otherLead.get('/api/training-sessions/teams')).items.map((x: { id: string }) => x.id)).toEqual([otherTeam])
})

it('refuses bad input naming the field, and a text that names someone', async () => {
  const bad = await worker.post('/api/training-sessions', { ...SESSION, teamId: team, hours: 1.1, audience: 'aliens' })
  expect(bad.statusCode).toBe(400)
  const fields = json(bad).errors.map((e: { field: string }) => e.field)
  expect(fields).toEqual(expect.arrayContaining(['hours', 'audience']))
  const email = await worker.post('/api/training-sessions', { ...SESSION, teamId: team, note: 'Contact: prof@ecole.example' })
  expect(email.statusCode).toBe(400)
  expect(json(email).errors[0]).toMatchObject({ field: 'note', code: 'contains_email' })
  expect(email.body).not.toContain('prof@ecole')
})
