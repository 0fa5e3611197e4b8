import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, serviceDate, startTestApp, type TestApp } from '../../test/harness'
import { organisation, sent } from '../referrals/referral-world.fixture'
import { expectTrue, openTeamCase } from '../indicators/indicators.fixture'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let otherLead: Agent & { userId: string }
let dpo: Agent & { userId: string }
let intake: Agent & { userId: string }
// The service's current year: every crafted record happens now.
const YEAR = Number(serviceDate().slice(0, 4))
const v = (n: number) => ({ 'if-match': `"${n}"` })

const openCase = (kind: 'concerned' | 'relative', lastName: string) => openTeamCase(worker, team, kind, 'Rapport', lastName)

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  otherLead = await t.as(['lead'], { teamIds: [await t.team()] })
  dpo = await t.as(['dpo'])
  intake = await t.as(['intake'])
  const cases = []
  for (let i = 0; i < 12; i++) cases.push(await openCase('concerned', `Volontaire${i}`))
  for (let i = 0; i < 3; i++) cases.push(await openCase('relative', `Proche${i}`))
  for (const c of cases.slice(0, 10)) {
    json(await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'goals_reached', reason: 'Objectifs atteints' }, v(c.version)))
    const closed = await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(c.version + 1))
    expect(closed.statusCode, closed.body).toBe(200)
  }
  // Sessions of the year on an open case: eleven held, two missed.
  for (let i = 0; i < 13; i++) {
    const held = await worker.post(`/api/accompaniments/${cases[12]!.id}/sessions`, {
      status: i < 11 ? 'held' : 'missed',
      startsAt: `${YEAR}-01-${String(10 + i).padStart(2, '0')}T09:00:00.000Z`,
      modality: 'office',
    })
    expect(held.statusCode, held.body).toBe(201)
  }
  // Three referrals of open cases to a mental-health service.
  const org = await organisation(lead)
  for (const c of cases.slice(10, 13)) await sent(worker, c.id, org, [])
  // Three anonymous calls and twelve e-mails from someone who does not say who they are.
  const now = new Date().toISOString()
  for (let i = 0; i < 3; i++)
    expect((await intake.post('/api/contacts', { channel: 'phone', occurredAt: now, callerKind: 'anonymous' })).statusCode).toBe(201)
  for (let i = 0; i < 12; i++)
    expect((await intake.post('/api/contacts', { channel: 'email', occurredAt: now, callerKind: 'undisclosed' })).statusCode).toBe(201)
  const session = { teamId: team, heldOn: `${YEAR}-02-10`, title: 'Radicalisation : repérer sans stigmatiser', participants: 25, hours: 2 }
  expect(
    (await worker.post('/api/training-sessions', { ...session, audience: 'school', organisation: 'Institut Saint-Joseph' })).statusCode,
  ).toBe(201)
  expect((await lead.post('/api/training-sessions', { ...session, audience: 'public', participants: 40, hours: 1.5 })).statusCode).toBe(201)
  // Another year's session stays out of this year's report.
  expect((await lead.post('/api/training-sessions', { ...session, heldOn: `${YEAR - 1}-06-01`, audience: 'police' })).statusCode).toBe(201)
})
afterAll(() => t?.close())

const report = async (by: Agent = lead, lang = 'fr') => {
  const res = await by.get(`/api/activity-report?teamId=${team}&year=${YEAR}&lang=${lang}`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res)
}

it('gives the team’s year: accompaniments from the indicators, contacts, referrals and training, small counts hidden', async () => {
  const out = await report()
  expect(out).toMatchObject({ teamId: team, year: YEAR, from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, threshold: 10 })
  const opened = [
    [12, 0],
    [3, 0],
    [0, 0],
  ]
  expectTrue(out.accompaniments.opened, opened)
  // Three relatives' cases: a count of 3 is never published.
  expect(out.accompaniments.opened.cells[1][0]).toEqual({ below: 10 })
  expect(out.accompaniments.closedByOutcome.counts[0]).toEqual({ count: 10 })
  // Two missed sessions are hidden, and the held ones that would give them back; the total stands.
  const sessions = out.accompaniments.sessions
  expect(sessions.keys).toEqual(['planned', 'held', 'cancelled', 'missed'])
  expect(sessions.counts[3]).toEqual({ below: 10 })
  expect(sessions.counts[1]).toEqual({ below: 10 })
  expect(sessions.counts[0]).toEqual({ count: 0 })
  expect(sessions.total).toEqual({ count: 13 })
  // The line's contacts: three anonymous calls hidden, and what would give them away.
  const caller = out.contacts.byCallerKind
  expect(caller.counts[caller.keys.indexOf('anonymous')]).toEqual({ below: 10 })
  expect(caller.counts[caller.keys.indexOf('relative')]).toEqual({ count: 0 })
  expect(caller.counts[caller.keys.indexOf('undisclosed')]).not.toEqual({ count: 12 })
  expect(caller.total).toEqual({ count: 15 })
  const channel = out.contacts.byChannel
  expect(channel.counts[channel.keys.indexOf('phone')]).toEqual({ below: 10 })
  // Three referrals awaiting an answer from a mental-health service.
  const r = out.referrals
  const row = r.rows.findIndex((x: { code: string }) => x.code === 'mental_health')
  expect(r.rows[row].label).toBe('Santé mentale')
  expect(r.cells[row][r.columns.indexOf('awaiting')]).toEqual({ below: 10 })
  expect(r.total).toEqual({ below: 10 })
  expect(r.cells.flat().every((c: any) => 'below' in c || c.count === 0)).toBe(true)
  // The training log is the service's own work: given as it is.
  expect(out.training).toEqual({
    sessions: 2,
    participants: 65,
    hours: 3.5,
    byAudience: [
      { audience: 'school', sessions: 1, participants: 25, hours: 2 },
      { audience: 'public', sessions: 1, participants: 40, hours: 1.5 },
    ],
  })
  // The labels follow the language asked for.
  const nl = await report(lead, 'nl')
  expect(nl.referrals.rows[row].label).toBe('Geestelijke gezondheid')
  // The read is audited, naming the team and the year and no person.
  const entry = (await auditRows(t.services, 'activity_report.viewed')).at(-1)
  expect(entry?.actor_id).toBe(lead.userId)
  expect(JSON.parse(entry!.details!)).toMatchObject({ teamId: team, year: YEAR })
})

it('the DPO reads any team’s report; a worker, a researcher and another team’s lead do not', async () => {
  expect((await report(dpo)).teamId).toBe(team)
  expect((await worker.get(`/api/activity-report?teamId=${team}&year=${YEAR}`)).statusCode).toBe(403)
  expect((await (await t.as(['researcher'])).get(`/api/activity-report?teamId=${team}&year=${YEAR}`)).statusCode).toBe(403)
  for (const format of ['', '/pdf', '/csv'])
    expect((await otherLead.get(`/api/activity-report${format}?teamId=${team}&year=${YEAR}`)).statusCode).toBe(404)
  const bad = await lead.get(`/api/activity-report?teamId=${team}&year=1800`)
  expect(bad.statusCode).toBe(400)
  expect(json(bad).errors[0].field).toBe('query.year')
})

it('prints a real PDF in each language (French and Dutch first), with its figures and "< 10"', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'activity-'))
  try {
    for (const [lang, title] of [
      ['fr', "Rapport d'activité"],
      ['nl', 'Activiteitenverslag'],
      ['de', 'Tätigkeitsbericht'],
      ['en', 'Activity report'],
    ] as const) {
      const res = await lead.get(`/api/activity-report/pdf?teamId=${team}&year=${YEAR}&lang=${lang}`)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
      const file = path.join(dir, `${lang}.pdf`)
      fs.writeFileSync(file, res.rawPayload)
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      expect(text).toContain(`${title} ${YEAR}`)
      expect(text).toContain('< 10')
      expect(text).toMatch(/\b65\b/)
    }
    expect((await auditRows(t.services, 'activity_report.downloaded')).length).toBeGreaterThanOrEqual(2)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

/** RFC 4180 fields, quotes included. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

it('gives one CSV with every table, UTF-8 with a BOM', async () => {
  const res = await lead.get(`/api/activity-report/csv?teamId=${team}&year=${YEAR}&lang=fr`)
  expect(res.statusCode, res.body).toBe(200)
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
  const bytes = res.rawPayload
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(bytes.toString('utf8').endsWith('\r\n')).toBe(true)
  const rows = parseCsv(bytes.toString('utf8').slice(1))
  expect(rows[0]).toEqual(['Tableau', 'Ligne', 'Colonne', 'Valeur'])
  expect(rows.every((r) => r.length === 4)).toBe(true)
  const sections = new Set(rows.slice(1).map((r) => r[0]))
  expect([...sections]).toEqual([
    'Accompagnements ouverts dans l’année, par type et cadre',
    'Accompagnements actifs dans l’année, par type et cadre',
    'Accompagnements clôturés dans l’année, par motif',
    'Durée des accompagnements clôturés',
    'Entretiens planifiés dans l’année, par suite donnée',
    'Contacts du point de contact, par appelant',
    'Contacts du point de contact, par orientation',
    'Contacts du point de contact, par canal',
    'Orientations vers les partenaires, par catégorie de besoin et état',
    'Formations et sensibilisations données',
  ])
  const cell = (section: string, row: string, column: string) =>
    rows.find((r) => r[0]!.startsWith(section) && r[1] === row && r[2] === column)?.[3]
  expect(cell('Accompagnements ouverts', 'Proche', 'Volontaire')).toBe('< 10')
  expect(cell('Accompagnements ouverts', 'Personne concernée', 'Judiciaire')).toBe('0')
  expect(cell('Formations', 'Total', 'Participants')).toBe('65')
  expect(cell('Formations', 'Grand public', 'Heures')).toBe('1.5')
})

it('is not a researcher’s: a lead of another team named on a running study of this team gets the indicators, not the report', async () => {
  const both = await t.as(['lead', 'researcher'], { teamIds: [await t.team()] })
  const day = serviceDate
  const created = await lead.post('/api/studies', {
    teamId: team,
    title: 'Orientations et suites',
    question: 'Les orientations aboutissent-elles ?',
    protocol: 'Analyse descriptive, variables généralisées.',
    approvingBody: 'Comité d’éthique',
    approvalReference: 'CE-2026-201',
    startsOn: day(-30),
    endsOn: day(30),
    variables: ['framework'],
    researcherIds: [both.userId],
  })
  expect(created.statusCode, created.body).toBe(201)
  const id = json(created).id as string
  expect((await lead.post(`/api/studies/${id}/submit`, {}, v(1))).statusCode).toBe(200)
  expect((await dpo.post(`/api/studies/${id}/decision`, { decision: 'approved', note: 'Conforme' }, v(2))).statusCode).toBe(200)
  expect((await both.get(`/api/indicators?teamId=${team}&from=${day(-1)}&to=${day(1)}`)).statusCode).toBe(200)
  for (const format of ['', '/pdf', '/csv'])
    expect((await both.get(`/api/activity-report${format}?teamId=${team}&year=${YEAR}`)).statusCode).toBe(404)
})
