import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { rebuildSessionDays } from './0067-session-days'

/**
 * Issue 14: the indicators count a period's sessions from whole UTC days summed ahead
 * (session_days, kept by triggers) and the sessions of its two partial days read one by one. The
 * service's days are Brussels days: in March (UTC+1) the 12th begins at 23:00 UTC on the 11th.
 */
let t: TestApp
let team: string
let otherTeam: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let caseId: string
let personId: string
const sessions: { id: string; version: number }[] = []

async function keptDays() {
  const rows = await t.services.db.selectFrom('session_days').selectAll().execute()
  return rows
    .filter((r) => Number(r.sessions) !== 0)
    .map((r) => `${r.team_id} ${r.day} ${r.status} ${Number(r.sessions)}`)
    .sort()
}

async function expectTriggersMatchSessions() {
  const kept = await keptDays()
  await rebuildSessionDays(t.services.db)
  expect(kept).toEqual(await keptDays())
}

const counts = async (from: string, to: string, teamId = team) => {
  const res = await lead.get(`/api/indicators?teamId=${teamId}&from=${from}&to=${to}`)
  expect(res.statusCode, res.body).toBe(200)
  const s = json(res).sessions
  return Object.fromEntries((s.keys as string[]).map((k, i) => [k, s.counts[i]]))
}

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  otherTeam = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team, otherTeam] })
  const person = json(await worker.post('/api/persons', { firstName: 'Jours', lastName: 'Séances' }))
  personId = person.id
  const c = await worker.post('/api/accompaniments', { kind: 'concerned', personId, teamId: team })
  expect(c.statusCode, c.body).toBe(201)
  caseId = json(c).id
  for (const [status, startsAt] of [
    ['held', '2026-03-10T10:00:00.000Z'],
    // 23:00 in Brussels on the 11th: the 11th's last hour, on the UTC day of the 11th.
    ['cancelled', '2026-03-11T22:00:00.000Z'],
    // 00:30 in Brussels on the 12th, still the 11th in UTC.
    ['missed', '2026-03-11T23:30:00.000Z'],
  ] as const)
    for (let i = 0; i < 12; i++) {
      const res = await worker.post(`/api/accompaniments/${caseId}/sessions`, { status, startsAt, modality: 'office' })
      expect(res.statusCode, res.body).toBe(201)
      if (status === 'held') sessions.push(json(res))
    }
})
afterAll(() => t?.close())

it('keeps the daily counts equal to the sessions counted afresh', async () => {
  await expectTriggersMatchSessions()
  expect((await keptDays()).map((r) => r.slice(team.length + 1))).toEqual([
    '2026-03-10 held 12',
    '2026-03-11 cancelled 12',
    '2026-03-11 missed 12',
  ])
})

it('counts the sessions of Brussels days, across the UTC day they share', async () => {
  // The 10th and the 11th: the cancelled ones at 23:00 are in, the missed ones at 00:30 on the 12th not.
  expect(await counts('2026-03-10', '2026-03-11')).toEqual({
    planned: { count: 0 },
    held: { count: 12 },
    cancelled: { count: 12 },
    missed: { count: 0 },
  })
  // The 12th alone: its first half hour is on the 11th's UTC day, whose 23:00 is not the 12th's.
  expect(await counts('2026-03-12', '2026-03-12')).toEqual({
    planned: { count: 0 },
    held: { count: 0 },
    cancelled: { count: 0 },
    missed: { count: 12 },
  })
  expect(await counts('2026-03-01', '2026-03-31')).toMatchObject({ held: { count: 12 }, cancelled: { count: 12 }, missed: { count: 12 } })
})

it('follows a session given another status and another day, a case moved to another team, and a restricted case', async () => {
  const s = sessions[0]!
  const put = await worker.put(
    `/api/accompaniments/${caseId}/sessions/${s.id}`,
    { status: 'missed', startsAt: '2026-03-12T10:00:00.000Z', modality: 'office' },
    { 'if-match': `"${s.version}"` },
  )
  expect(put.statusCode, put.body).toBe(200)
  await expectTriggersMatchSessions()
  expect(await counts('2026-03-12', '2026-03-12')).toMatchObject({ held: { count: 0 }, missed: { count: 13 } })
  expect(await counts('2026-03-10', '2026-03-10')).toMatchObject({ held: { count: 11 } })

  await t.services.db.updateTable('accompaniments').set({ team_id: otherTeam }).where('id', '=', caseId).execute()
  await expectTriggersMatchSessions()
  expect(await counts('2026-03-10', '2026-03-10')).toMatchObject({ held: { count: 0 } })
  expect(await counts('2026-03-10', '2026-03-10', otherTeam)).toMatchObject({ held: { count: 11 } })

  await t.services.db.updateTable('accompaniments').set({ restricted: 1 }).where('id', '=', caseId).execute()
  await expectTriggersMatchSessions()
  expect(await keptDays()).toEqual([])
})
