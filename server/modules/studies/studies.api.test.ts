import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { extractableStudy } from './studies.queries'

/**
 * Studies (issue 14): a lead registers their team's, the DPO decides (never on a study they
 * registered or work on), researchers read only those they are named on; nothing is extractable
 * before approval or after the study's end.
 */
let t: TestApp
let teamA: string
let teamB: string
let lead: Agent & { userId: string }
let leadB: Agent & { userId: string }
let dpo: Agent & { userId: string }
let r1: Agent & { userId: string }
let r2: Agent & { userId: string }
let worker: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  teamA = await t.team()
  teamB = await t.team()
  lead = await t.as(['lead'], { teamIds: [teamA] })
  leadB = await t.as(['lead'], { teamIds: [teamB] })
  dpo = await t.as(['dpo'])
  r1 = await t.as(['researcher'])
  r2 = await t.as(['researcher'])
  worker = await t.as(['worker'], { teamIds: [teamA] })
})
afterAll(() => t.close())

const study = (over: Record<string, unknown> = {}) => ({
  teamId: teamA,
  title: 'Parcours de sortie et durée d’accompagnement',
  question: 'La durée de l’accompagnement varie-t-elle selon le cadre (volontaire ou mandaté) ?',
  protocol: 'Analyse descriptive des dossiers clôturés, variables généralisées, k ≥ 5.',
  approvingBody: 'Comité d’éthique hospitalo-facultaire',
  approvalReference: 'CE-2026-118',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  variables: ['age_band', 'gender', 'province', 'framework', 'duration_band'],
  researcherIds: [r1.userId],
  ...over,
})

/** A study of team A, submitted; its version is 2. */
async function submitted(over: Record<string, unknown> = {}) {
  const created = await lead.post('/api/studies', study(over))
  expect(created.statusCode, created.body).toBe(201)
  const s = json(created)
  const sub = await lead.post(`/api/studies/${s.id}/submit`, {}, { 'if-match': '"1"' })
  expect(sub.statusCode, sub.body).toBe(200)
  return json(sub)
}

const fieldsOf = (body: string): string[] => (JSON.parse(body).errors ?? []).map((e: { field: string }) => e.field)

describe('studies', () => {
  it('goes from draft to submitted to approved, edits only while a draft, audited', async () => {
    const created = await lead.post('/api/studies', study())
    expect(created.statusCode, created.body).toBe(201)
    expect(created.headers.etag).toBe('"1"')
    const s = json(created)
    expect(s).toMatchObject({ status: 'draft', version: 1, teamId: teamA, decidedBy: null, createdBy: { id: lead.userId } })
    expect(s.researchers).toEqual([{ id: r1.userId, displayName: expect.any(String) }])
    expect(s.variables).toEqual(['age_band', 'gender', 'province', 'framework', 'duration_band'])

    const url = `/api/studies/${s.id}`
    const edited = await lead.put(url, study({ title: 'Titre revu', researcherIds: [r1.userId, r2.userId] }), { 'if-match': '"1"' })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(json(edited)).toMatchObject({ title: 'Titre revu', version: 2 })
    expect(
      json(edited)
        .researchers.map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual([r1.userId, r2.userId].sort())

    // Not yet submitted: the DPO cannot decide.
    const early = await dpo.post(`${url}/decision`, { decision: 'approved' }, { 'if-match': '"2"' })
    expect(early.statusCode).toBe(409)
    expect(json(early).code).toBe('study.not_submitted')

    const sub = await lead.post(`${url}/submit`, {}, { 'if-match': '"2"' })
    expect(sub.statusCode, sub.body).toBe(200)
    expect(json(sub)).toMatchObject({ status: 'submitted', version: 3 })

    const late = await lead.put(url, study(), { 'if-match': '"3"' })
    expect(late.statusCode).toBe(409)
    expect(json(late).code).toBe('study.not_editable')
    const again = await lead.post(`${url}/submit`, {}, { 'if-match': '"3"' })
    expect(json(again).code).toBe('study.not_editable')

    const approved = await dpo.post(`${url}/decision`, { decision: 'approved', note: 'Conforme au protocole' }, { 'if-match': '"3"' })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(json(approved)).toMatchObject({
      status: 'approved',
      version: 4,
      decidedBy: { id: dpo.userId },
      decisionNote: 'Conforme au protocole',
    })
    expect(json(approved).decidedAt).toBeTruthy()
    const twice = await dpo.post(`${url}/decision`, { decision: 'refused', note: 'Non' }, { 'if-match': '"4"' })
    expect(twice.statusCode).toBe(409)
    expect(json(twice).code).toBe('study.not_submitted')

    for (const action of ['study.created', 'study.updated', 'study.submitted', 'study.decided']) {
      const rows = (await auditRows(t.services, action)).filter((r) => r.subject_id === s.id)
      expect(rows.length, action).toBeGreaterThanOrEqual(1)
      expect(rows[0]?.subject_type).toBe('study')
    }
    const decided = (await auditRows(t.services, 'study.decided')).filter((r) => r.subject_id === s.id && r.outcome === 'success')
    expect(decided.at(-1)?.actor_id).toBe(dpo.userId)
    await r1.get(url)
    expect((await auditRows(t.services, 'study.viewed')).some((r) => r.subject_id === s.id && r.actor_id === r1.userId)).toBe(true)
  })

  it('refuses with a note only, and the lead reads why', async () => {
    const s = await submitted()
    const url = `/api/studies/${s.id}`
    const bare = await dpo.post(`${url}/decision`, { decision: 'refused' }, { 'if-match': '"2"' })
    expect(bare.statusCode).toBe(400)
    expect(fieldsOf(bare.body)).toContain('note')
    const refused = await dpo.post(
      `${url}/decision`,
      { decision: 'refused', note: 'Variables trop fines pour une petite province' },
      { 'if-match': '"2"' },
    )
    expect(refused.statusCode, refused.body).toBe(200)
    const read = json(await lead.get(url))
    expect(read).toMatchObject({ status: 'refused', decisionNote: 'Variables trop fines pour une petite province' })
  })

  it('keeps a DPO who registered the study or works on it from deciding on it', async () => {
    const dpoResearcher = await t.as(['dpo', 'researcher'])
    const s = await submitted({ researcherIds: [dpoResearcher.userId] })
    const own = await dpoResearcher.post(`/api/studies/${s.id}/decision`, { decision: 'approved' }, { 'if-match': '"2"' })
    expect(own.statusCode).toBe(403)
    expect(json(own).code).toBe('study.decider_involved')

    const dpoLead = await t.as(['dpo', 'lead'], { teamIds: [teamA] })
    const mine = json(await dpoLead.post('/api/studies', study({ researcherIds: [] })))
    expect((await dpoLead.post(`/api/studies/${mine.id}/submit`, {}, { 'if-match': '"1"' })).statusCode).toBe(200)
    const self = await dpoLead.post(`/api/studies/${mine.id}/decision`, { decision: 'approved' }, { 'if-match': '"2"' })
    expect(self.statusCode).toBe(403)
    expect(json(self).code).toBe('study.decider_involved')
    expect(json(await dpo.get(`/api/studies/${mine.id}`)).status).toBe('submitted')

    // Another DPO can.
    const other = await dpo.post(`/api/studies/${s.id}/decision`, { decision: 'approved' }, { 'if-match': '"2"' })
    expect(other.statusCode, other.body).toBe(200)
  })

  it('shows researchers only the studies they are named on, leads their teams’, the DPO all; refuses workers', async () => {
    const a = json(await lead.post('/api/studies', study({ title: 'Étude A', researcherIds: [r1.userId] })))
    const b = json(await leadB.post('/api/studies', study({ teamId: teamB, title: 'Étude B', researcherIds: [r2.userId] })))

    const ids = async (agent: Agent) => json(await agent.get('/api/studies')).items.map((x: { id: string }) => x.id) as string[]
    const ofR1 = await ids(r1)
    expect(ofR1).toContain(a.id)
    expect(ofR1).not.toContain(b.id)
    expect(await ids(r2)).toContain(b.id)
    expect(await ids(r2)).not.toContain(a.id)
    const notHis = await r1.get(`/api/studies/${b.id}`)
    expect(notHis.statusCode).toBe(404)
    expect(notHis.body).not.toContain('Étude B')

    expect(await ids(lead)).toContain(a.id)
    expect(await ids(lead)).not.toContain(b.id)
    expect((await lead.get(`/api/studies/${b.id}`)).statusCode).toBe(404)
    // Nor can a lead edit another team's study, or register one for it.
    expect((await lead.put(`/api/studies/${b.id}`, study(), { 'if-match': '"1"' })).statusCode).toBe(404)
    expect((await lead.post('/api/studies', study({ teamId: teamB }))).statusCode).toBe(404)
    expect(await ids(dpo)).toEqual(expect.arrayContaining([a.id, b.id]))

    const w = await worker.get('/api/studies')
    expect(w.statusCode).toBe(403)
    expect((await worker.get(`/api/studies/${a.id}`)).statusCode).toBe(403)
    expect((await r1.post('/api/studies', study())).statusCode).toBe(403)
    expect((await lead.post(`/api/studies/${a.id}/decision`, { decision: 'approved' }, { 'if-match': '"1"' })).statusCode).toBe(403)
  })

  it('answers bad input with problem+json naming the field, and writes nothing', async () => {
    const before = (await t.services.db.selectFrom('studies').select('id').execute()).length
    const cases: [Record<string, unknown>, string][] = [
      [{ variables: ['age_band', 'last_name'] }, 'variables'],
      [{ variables: ['postcode'] }, 'variables'],
      [{ variables: [] }, 'variables'],
      [{ startsOn: '2026-06-01', endsOn: '2026-05-31' }, 'endsOn'],
      [{ researcherIds: [worker.userId] }, 'researcherIds'],
      [{ researcherIds: [lead.userId, r1.userId] }, 'researcherIds'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ protocol: '' }, 'protocol'],
      [{ startsOn: '2026-02-30' }, 'startsOn'],
    ]
    for (const [over, field] of cases) {
      const res = await lead.post('/api/studies', study(over))
      expect(res.statusCode, JSON.stringify(over)).toBe(400)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      expect(
        fieldsOf(res.body).some((f) => f === field || f.startsWith(`${field}.`)),
        `${field}: ${res.body}`,
      ).toBe(true)
    }
    expect((await t.services.db.selectFrom('studies').select('id').execute()).length).toBe(before)
  })

  it('refuses a stale or missing If-Match', async () => {
    const s = json(await lead.post('/api/studies', study()))
    const url = `/api/studies/${s.id}`
    expect((await lead.put(url, study())).statusCode).toBe(428)
    expect((await lead.put(url, study({ title: 'Un' }), { 'if-match': '"1"' })).statusCode).toBe(200)
    const stale = await lead.put(url, study({ title: 'Deux' }), { 'if-match': '"1"' })
    expect(stale.statusCode).toBe(412)
    expect(json(stale).code).toBe('version.mismatch')
    expect((await lead.post(`${url}/submit`, {}, { 'if-match': '"1"' })).statusCode).toBe(412)
    expect(json(await lead.get(url))).toMatchObject({ title: 'Un', status: 'draft', version: 2 })
  })

  it('lists researcher accounts for the lead, and no one else', async () => {
    const res = await lead.get('/api/studies/researchers')
    expect(res.statusCode).toBe(200)
    const items = json(res).items as { id: string; displayName: string }[]
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([r1.userId, r2.userId]))
    expect(items.map((i) => i.id)).not.toContain(worker.userId)
    expect(items.map((i) => i.id)).not.toContain(lead.userId)
    expect(items.every((i) => i.displayName.length > 0)).toBe(true)
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['displayName', 'id'])
    expect((await r1.get('/api/studies/researchers')).statusCode).toBe(403)
  })

  it('makes a study extractable only once approved, within its dates, for its researchers or the DPO', async () => {
    const s = await submitted({ startsOn: '2026-03-01', endsOn: '2026-09-30', researcherIds: [r1.userId] })
    const db = t.services.db
    const as = (a: { userId: string }, roles: ('researcher' | 'dpo' | 'lead' | 'worker')[]) => ({ userId: a.userId, roles })
    expect(await extractableStudy(db, as(r1, ['researcher']), s.id, '2026-05-01')).toBeNull()

    const approved = await dpo.post(`/api/studies/${s.id}/decision`, { decision: 'approved' }, { 'if-match': '"2"' })
    expect(approved.statusCode, approved.body).toBe(200)
    const found = await extractableStudy(db, as(r1, ['researcher']), s.id, '2026-05-01')
    expect(found).toMatchObject({ id: s.id, status: 'approved', variables: s.variables })
    expect(await extractableStudy(db, as(r1, ['researcher']), s.id, '2026-03-01')).not.toBeNull()
    expect(await extractableStudy(db, as(r1, ['researcher']), s.id, '2026-09-30')).not.toBeNull()
    expect(await extractableStudy(db, as(dpo, ['dpo']), s.id, '2026-05-01')).not.toBeNull()

    expect(await extractableStudy(db, as(r1, ['researcher']), s.id, '2026-10-01')).toBeNull()
    expect(await extractableStudy(db, as(r1, ['researcher']), s.id, '2026-02-28')).toBeNull()
    expect(await extractableStudy(db, as(r2, ['researcher']), s.id, '2026-05-01')).toBeNull()
    expect(await extractableStudy(db, as(lead, ['lead']), s.id, '2026-05-01')).toBeNull()
    expect(await extractableStudy(db, as(worker, ['worker']), s.id, '2026-05-01')).toBeNull()

    const refused = await submitted({ startsOn: '2026-03-01', endsOn: '2026-09-30' })
    await dpo.post(`/api/studies/${refused.id}/decision`, { decision: 'refused', note: 'Non' }, { 'if-match': '"2"' })
    expect(await extractableStudy(db, as(r1, ['researcher']), refused.id, '2026-05-01')).toBeNull()
    expect(await extractableStudy(db, as(dpo, ['dpo']), refused.id, '2026-05-01')).toBeNull()
  })
})
