import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../test/harness'
import { serviceToday } from '../time/service-day'
import { seedCasework } from './casework.seed'
import { DEMO_DOMAIN, DEMO_PASSWORD } from './demo.data'
import { seedDemo } from './demo.seed'

let t: TestApp
const agents: Record<string, Agent> = {}
beforeAll(async () => {
  t = await startTestApp()
  await seedDemo(t.services)
  for (const who of ['intervenant', 'intervenante', 'responsable', 'dpo']) {
    const agent = t.agent()
    const res = await agent.post('/api/auth/login', { email: `${who}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD })
    expect(res.statusCode, who).toBe(200)
    agents[who] = agent
  }
})
afterAll(() => t.close())

type Summary = { id: string; code: string; kind: string; status: string; framework: string; access: string; personId: string }
const caseload = async (who: string) => json<{ items: Summary[] }>(await (agents[who] as Agent).get('/api/accompaniments?limit=100')).items

it("fills the demo worker's day: sessions today, an overdue task, tasks this week, a report due and a mandate ending", async () => {
  const worker = agents.intervenant as Agent
  const cases = await caseload('intervenant')
  const mine = cases.filter((c) => c.access === 'assigned')
  expect(mine.map((c) => c.status).sort()).toEqual(['active', 'active', 'active', 'active', 'active', 'closed', 'closing', 'suspended'])
  expect(new Set(mine.map((c) => c.kind))).toEqual(new Set(['concerned', 'relative', 'professional']))
  const judicial = mine.find((c) => c.framework === 'judicial' && c.status === 'active') as Summary

  const day = json(await worker.get('/api/my-day'))
  expect(day.sessionsToday.length).toBe(2)
  expect(day.sessionsToday.map((s: { accompanimentId: string }) => s.accompanimentId)).toContain(judicial.id)
  expect(day.overdueTasks.map((x: { accompanimentId: string }) => x.accompanimentId)).toEqual([judicial.id])
  expect(day.dueThisWeek.length).toBe(2)
  const reminders = day.reminders.map((r: { type: string; accompanimentId: string }) => `${r.type}:${r.accompanimentId}`)
  expect(reminders).toEqual(expect.arrayContaining([`report_due:${judicial.id}`, `mandate_end:${judicial.id}`]))

  // The judicial case: held sessions with attendance, two to come, a report sent about three months ago.
  const sessions = json(await worker.get(`/api/accompaniments/${judicial.id}/sessions`)).items as { status: string; attendance: string }[]
  expect(sessions.filter((s) => s.status === 'held' && s.attendance).length).toBeGreaterThanOrEqual(4)
  expect(sessions.filter((s) => s.status === 'planned').length).toBe(2)
  const reports = json(await worker.get(`/api/accompaniments/${judicial.id}/reports`)).items as { sentAt: string }[]
  expect(reports).toHaveLength(1)
  const age = (Date.now() - Date.parse(reports[0]?.sentAt as string)) / 86_400_000
  expect(age).toBeGreaterThan(80)
  expect(age).toBeLessThan(95)
  const [doc] = json(await worker.get(`/api/accompaniments/${judicial.id}/documents`)).items
  const pdf = await worker.get(`/api/accompaniments/${judicial.id}/documents/${doc.id}`)
  expect([pdf.statusCode, pdf.rawPayload.subarray(0, 5).toString('latin1')]).toEqual([200, '%PDF-'])

  // The calendar of this week and next holds the later sessions too.
  const from = new Date(Date.now() - 86_400_000).toISOString()
  const to = new Date(Date.now() + 8 * 86_400_000).toISOString()
  const week = json(await worker.get(`/api/calendar?from=${from}&to=${to}`)).items
  expect(week.length).toBeGreaterThanOrEqual(5)
})

it('links the mother to her son: her own case about him, and she is listed as a relative involved on his', async () => {
  const cases = await caseload('intervenant')
  const relative = cases.find((c) => c.kind === 'relative') as Summary
  const view = json(await (agents.intervenant as Agent).get(`/api/accompaniments/${relative.id}`))
  expect(view.relationship).toBe('parent')
  const son = cases.find((c) => c.personId === view.concernedPersonId && c.kind === 'concerned') as Summary
  expect(son).toBeTruthy()
  const relatives = json(await (agents.intervenant as Agent).get(`/api/accompaniments/${son.id}/relatives`))
  expect(relatives.items).toEqual([
    expect.objectContaining({ personId: view.personId, involvement: 'own_accompaniment', consent: 'given', relationship: 'parent' }),
  ])
  expect(relatives.relatedCases.map((c: { id: string }) => c.id)).toEqual([relative.id])
  const advice = json(await (agents.intervenant as Agent).get(`/api/accompaniments/${cases.find((c) => c.kind === 'professional')?.id}`))
  expect([advice.relationship, advice.concernedStatus]).toEqual(['teacher', 'anonymous'])
})

it("gives the lead a case to assign, a closure to decide, an overdue task and the other worker's emergency access", async () => {
  const lead = agents.responsable as Agent
  const me = json(await lead.get('/api/me'))
  const board = json(await lead.get(`/api/dashboard/caseload?teamId=${me.teams[0].id}`))
  expect(board.unassigned).toBe(1)
  expect(board.awaitingClosure).toHaveLength(1)
  expect(board.awaitingClosure[0].outcome).toBe('goals_reached')
  expect(board.overdueTasks.total).toBe(1)
  expect(board.mandatesEndingSoon).toBe(1)
  expect(board.open).toBe(8)
  const day = json(await lead.get('/api/my-day'))
  expect(day.dueThisWeek).toHaveLength(1)
  expect(day.reminders.map((r: { type: string }) => r.type)).toEqual(['mandate_end'])

  const colleague = json(await (agents.intervenante as Agent).get('/api/me'))
  for (const who of ['responsable', 'dpo']) {
    const grants = json(await (agents[who] as Agent).get('/api/access-grants')).items
    expect(grants, who).toHaveLength(1)
    expect(grants[0].userId).toBe(colleague.id)
    expect(grants[0].reason.length).toBeGreaterThan(15)
  }
  // Her own team's cases are hers (two, the indicators' cohort of thirteen and last year's
  // thirty-six); the emergency access is the only one of the lead's team she sees.
  const hers = await caseload('intervenante')
  expect(hers.map((c) => c.access).sort()).toEqual([...new Array<string>(51).fill('assigned'), 'emergency'])
  expect(json(await (agents.intervenante as Agent).get('/api/my-day')).sessionsToday).toHaveLength(1)
})

it('leaves the desistance demo on the judicial case, and does nothing when run again', async () => {
  const judicial = (await caseload('intervenant')).find((c) => c.framework === 'judicial' && c.status === 'active') as Summary
  const progress = json(await (agents.intervenant as Agent).get(`/api/accompaniments/${judicial.id}/progress`))
  expect(progress.reviews).toHaveLength(3)
  expect(progress.plan.version).toBe(2)
  expect(progress.network.series).toHaveLength(3)
  expect(progress.trajectory.events).toBeGreaterThan(0)

  const count = async () => (await t.services.db.selectFrom('accompaniments').select('id').execute()).length
  const before = await count()
  await seedCasework(t.services)
  expect(await count()).toBe(before)
})

it('gives the second team a cohort whose progress the indicators show, some counts published and some hidden', async () => {
  const dpo = agents.dpo as Agent
  const teams = json(await dpo.get('/api/indicators/teams')).items as { id: string; name: string }[]
  const second = teams.find((team) => team.name === 'Équipe Wallonie')!
  // The service's day, not UTC's: between midnight in Brussels and midnight UTC, a case created
  // now belongs to a day after the UTC date.
  const today = serviceToday()
  const res = await dpo.get(`/api/indicators?teamId=${second.id}&from=${today.slice(0, 4)}-01-01&to=${today}`)
  expect(res.statusCode, res.body).toBe(200)
  const p = json(res).progress
  const housing = p.reviewsByWorker.cells[p.reviewsByWorker.rows.indexOf('housing')]
  expect(housing).toEqual([{ count: 12 }, { count: 0 }, { count: 0 }])
  expect(JSON.stringify(p)).toContain('"below":10')
  expect(p.network.cases).toEqual({ count: 12 })
  expect(p.network.supportiveGained.counts[0]).toEqual({ count: 12 })
})
