import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp, serviceDate } from '../../test/harness'
import { expectTrue, openTeamCase } from './indicators.fixture'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let otherLead: Agent & { userId: string }
let dpo: Agent & { userId: string }
let researcher: Agent & { userId: string }
let otherTeam: string

const day = serviceDate
// Yesterday to tomorrow holds the service's today whatever its time zone.
const PERIOD = `from=${day(-1)}&to=${day(1)}`
const v = (n: number) => ({ 'if-match': `"${n}"` })

const openCase = (kind: 'concerned' | 'relative', lastName: string) => openTeamCase(worker, team, kind, 'Indicateur', lastName)

async function close(c: { id: string; version: number }) {
  json(await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'goals_reached', reason: 'Objectifs atteints' }, v(c.version)))
  const closed = await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(c.version + 1))
  expect(closed.statusCode, closed.body).toBe(200)
}

const cases: { id: string; version: number; personId: string }[] = []

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  otherTeam = await t.team()
  otherLead = await t.as(['lead'], { teamIds: [otherTeam] })
  dpo = await t.as(['dpo'])
  researcher = await t.as(['researcher'])
  for (let i = 0; i < 12; i++) cases.push(await openCase('concerned', `Volontaire${i}`))
  for (let i = 0; i < 3; i++) cases.push(await openCase('relative', `Proche${i}`))
  for (const c of cases.slice(0, 10)) await close(c)
})
afterAll(() => t?.close())

const indicators = async (by: Agent = lead, query = `teamId=${team}&${PERIOD}`) => {
  const res = await by.get(`/api/indicators?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res)
}

it('counts the team’s accompaniments, and hides the small cells and what would give them away', async () => {
  const out = await indicators()
  expect(out.threshold).toBe(10)
  expect(out.opened.rows).toEqual(['concerned', 'relative', 'professional'])
  expect(out.opened.columns).toEqual(['voluntary', 'judicial'])
  const truth = [
    [12, 0],
    [3, 0],
    [0, 0],
  ]
  expectTrue(out.opened, truth)
  expectTrue(out.active, truth)
  // The relatives' 3 cases are hidden, and with them enough of the table that the margins do not
  // give them back (the exact rule is held by indicators.suppression.test.ts).
  expect(out.opened.cells[1][0]).toEqual({ below: 10 })
  expect(out.opened.rowTotals[1]).toEqual({ below: 10 })
  const voluntary = [out.opened.cells[0][0], out.opened.columnTotals[0], out.opened.total]
  expect(voluntary.filter((c: object) => 'below' in c).length).toBeGreaterThan(0)
  // Nothing published anywhere lies between 1 and 9.
  const all = JSON.stringify(out)
  for (const m of all.matchAll(/"count":(\d+)/g)) expect(Number(m[1]) === 0 || Number(m[1]) >= 10, all).toBe(true)
  expect(out.closedByOutcome.counts[0]).toEqual({ count: 10 })
  expect(out.closedByOutcome.total).toEqual({ count: 10 })
  expect(out.duration).toEqual({ cases: { count: 10 }, medianDays: 0 })
  expect(out.sessions.total).toEqual({ count: 0 })
})

it('leaves a restricted case out, as a statistic must (GDPR art. 18)', async () => {
  const target = cases[0]!
  const { version } = json(await dpo.get(`/api/persons/${target.personId}/restriction`))
  const res = await dpo.post(`/api/persons/${target.personId}/restriction`, { reason: 'Exactitude contestée' }, v(version))
  expect(res.statusCode, res.body).toBe(201)
  const out = await indicators()
  // Nine closed cases left: under the threshold now, and the median with them.
  expect(out.closedByOutcome.counts[0]).toEqual({ below: 10 })
  expect(out.duration).toEqual({ cases: { below: 10 }, medianDays: null })
  expectTrue(out.opened, [
    [11, 0],
    [3, 0],
    [0, 0],
  ])
})

it('is the lead’s, for their own team, over at most two years, audited without naming anyone', async () => {
  expect((await worker.get(`/api/indicators?teamId=${team}&${PERIOD}`)).statusCode).toBe(403)
  expect((await otherLead.get(`/api/indicators?teamId=${team}&${PERIOD}`)).statusCode).toBe(404)
  const long = await lead.get(`/api/indicators?teamId=${team}&from=2020-01-01&to=2026-01-01`)
  expect(long.statusCode).toBe(400)
  expect(json(long).errors[0].field).toBe('query.from')
  const reversed = await lead.get(`/api/indicators?teamId=${team}&from=${day(1)}&to=${day(-1)}`)
  expect(json(reversed).errors[0].field).toBe('query.from')
  await indicators()
  const entry = (await auditRows(t.services, 'indicators.viewed')).at(-1)
  expect(entry?.actor_id).toBe(lead.userId)
  const shown = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', Number(entry?.seq)).execute()
  expect(shown).toEqual([])
})

it('is the DPO’s too, for any team, as the same suppressed counts and never a row', async () => {
  const byLead = await indicators(lead)
  const byDpo = await indicators(dpo)
  expect(byDpo).toEqual(byLead)
  // Counts only: no case id, code or person in what the DPO is sent.
  const sent = JSON.stringify(byDpo)
  for (const c of cases) {
    expect(sent).not.toContain(c.id)
    expect(sent).not.toContain(c.personId)
  }
  for (const m of sent.matchAll(/"count":(\d+)/g)) expect(Number(m[1]) === 0 || Number(m[1]) >= 10, sent).toBe(true)
  // Another team's, which the DPO belongs to no more than to this one: its (empty) counts.
  const other = await indicators(dpo, `teamId=${otherTeam}&${PERIOD}`)
  expect(other.opened.total).toEqual({ count: 0 })
  // A team that does not exist is a miss, not a table of zeros.
  expect((await dpo.get(`/api/indicators?teamId=${crypto.randomUUID()}&${PERIOD}`)).statusCode).toBe(404)
  expect((await lead.get(`/api/indicators?teamId=${crypto.randomUUID()}&${PERIOD}`)).statusCode).toBe(404)
  const entry = (await auditRows(t.services, 'indicators.viewed')).filter((r) => r.actor_id === dpo.userId).at(0)
  expect(entry?.actor_role).toBe('dpo')
  // Workers stay refused, whatever the team; a researcher named on no running study reaches none.
  expect((await worker.get(`/api/indicators?teamId=${team}&${PERIOD}`)).statusCode).toBe(403)
  expect((await worker.get('/api/indicators/teams')).statusCode).toBe(403)
  expect((await researcher.get(`/api/indicators?teamId=${team}&${PERIOD}`)).statusCode).toBe(404)
  expect(json(await researcher.get('/api/indicators/teams')).items).toEqual([])
  // Nothing else of a case opens to the DPO for it.
  expect((await dpo.get(`/api/accompaniments/${cases[5]!.id}`)).statusCode).toBe(403)
})

it('lists the teams one may read: a lead their own, the DPO every team', async () => {
  const names = async (who: Agent) => {
    const res = await who.get('/api/indicators/teams')
    expect(res.statusCode, res.body).toBe(200)
    return (json(res).items as { id: string; name: string }[]).map((i) => i.id)
  }
  expect(await names(lead)).toEqual([team])
  expect(await names(otherLead)).toEqual([otherTeam])
  const all = await names(dpo)
  expect(all).toEqual(expect.arrayContaining([team, otherTeam]))
  expect(all).toHaveLength(2)
  const twoTeams = await t.as(['lead'], { teamIds: [team, otherTeam] })
  expect((await names(twoTeams)).sort()).toEqual([team, otherTeam].sort())
})

it('is a researcher’s for the team of an approved study naming them, while it runs, and no other', async () => {
  const named = await t.as(['researcher'])
  const study = async (over: Record<string, unknown>) => {
    const created = await lead.post('/api/studies', {
      teamId: team,
      title: 'Durée des accompagnements',
      question: 'La durée varie-t-elle selon le cadre ?',
      protocol: 'Analyse descriptive, variables généralisées.',
      approvingBody: 'Comité d’éthique',
      approvalReference: 'CE-2026-200',
      startsOn: day(-30),
      endsOn: day(30),
      variables: ['age_band', 'framework'],
      researcherIds: [named.userId],
      ...over,
    })
    expect(created.statusCode, created.body).toBe(201)
    return json(created) as { id: string }
  }
  // A draft gives nothing yet.
  const draft = await study({})
  expect((await named.get(`/api/indicators?teamId=${team}&${PERIOD}`)).statusCode).toBe(404)
  const submitted = await lead.post(`/api/studies/${draft.id}/submit`, {}, { 'if-match': '"1"' })
  expect(submitted.statusCode, submitted.body).toBe(200)
  const approved = await dpo.post(
    `/api/studies/${draft.id}/decision`,
    { decision: 'approved', note: 'Conforme au protocole' },
    { 'if-match': '"2"' },
  )
  expect(approved.statusCode, approved.body).toBe(200)
  // Approved and running: the same suppressed counts as the lead's, for that team alone.
  expect(await indicators(named)).toEqual(await indicators(lead))
  expect((await named.get(`/api/indicators?teamId=${otherTeam}&${PERIOD}`)).statusCode).toBe(404)
  expect((json(await named.get('/api/indicators/teams')).items as { id: string }[]).map((i) => i.id)).toEqual([team])
  // Nothing of a case opens to them for it.
  expect((await named.get(`/api/accompaniments/${cases[0]!.id}`)).statusCode).toBe(403)
  // Another researcher, on no study, still reaches nothing.
  expect((await researcher.get(`/api/indicators?teamId=${team}&${PERIOD}`)).statusCode).toBe(404)
})

it('counts a reopened case as active and not closed, and closed again once its next closure is approved', async () => {
  const ownTeam = await t.team()
  const ownWorker = await t.as(['worker'], { teamIds: [ownTeam] })
  const ownLead = await t.as(['lead'], { teamIds: [ownTeam] })
  const own: { id: string; version: number }[] = []
  for (let i = 0; i < 11; i++) own.push(await openTeamCase(ownWorker, ownTeam, 'concerned', 'Rouvert', `Cas${i}`))
  for (const c of own) {
    await ownWorker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'goals_reached', reason: 'Objectifs atteints' }, v(c.version))
    expect((await ownLead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(c.version + 1))).statusCode).toBe(200)
  }
  const figures = async () => indicators(ownLead, `teamId=${ownTeam}&${PERIOD}`)
  const stored = (id: string) =>
    t.services.db.selectFrom('accompaniments').select(['status', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow()
  const approvals = (id: string) =>
    t.services.db
      .selectFrom('accompaniment_events')
      .select('at')
      .where('accompaniment_id', '=', id)
      .where('type', '=', 'approve_closure')
      .orderBy('at')
      .execute()
  expect((await figures()).closedByOutcome.total).toEqual({ count: 11 })

  const target = own[0]!
  const [first] = await approvals(target.id)
  const closedAt = (await stored(target.id)).closed_at
  // The column holds the approval's instant (the event is written in the same transaction, a few ms apart at most).
  expect(Math.abs(Date.parse(closedAt!) - Date.parse(first!.at))).toBeLessThan(1000)
  const reopened = await ownWorker.post(`/api/accompaniments/${target.id}/reopen`, { reason: 'Nouvelle demande' }, v(target.version + 2))
  expect(json(reopened).status).toBe('active')
  expect(await stored(target.id)).toEqual({ status: 'active', closed_at: null })
  const after = await figures()
  expect(after.closedByOutcome.total).toEqual({ count: 10 })
  expectTrue(after.active, [
    [11, 0],
    [0, 0],
    [0, 0],
  ])

  await ownWorker.post(
    `/api/accompaniments/${target.id}/closure`,
    { outcome: 'goals_reached', reason: 'Clos à nouveau' },
    v(target.version + 3),
  )
  expect(
    (await ownLead.post(`/api/accompaniments/${target.id}/closure/decision`, { approve: true }, v(target.version + 4))).statusCode,
  ).toBe(200)
  const [, second] = await approvals(target.id)
  const again = await stored(target.id)
  expect(again.status).toBe('closed')
  expect(Math.abs(Date.parse(again.closed_at!) - Date.parse(second!.at))).toBeLessThan(1000)
  expect((await figures()).closedByOutcome.total).toEqual({ count: 11 })
})
