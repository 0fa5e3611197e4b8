import { expect, it } from 'vitest'
import { serviceToday } from '../time/service-day'
import { json } from '../test/harness'
import { demoApp } from './demo.fixture'

const app = demoApp()
const signIn = (local: string) => app.signIn(local)
const lastYear = Number(serviceToday().slice(0, 4)) - 1
type Cell = { count: number } | { below: number }

it('gives the second team’s lead a past year whose figures are published, with some cells under the threshold', async () => {
  const lead = await signIn('responsable.wallonie')
  const teams = json(await lead.get('/api/indicators/teams')).items
  expect(teams.map((x: { name: string }) => x.name)).toEqual(['Équipe Wallonie'])
  const res = await lead.get(`/api/indicators?teamId=${teams[0].id}&from=${lastYear}-01-01&to=${lastYear}-12-31`)
  expect(res.statusCode, res.body).toBe(200)
  const figures = json(res)
  // Opened last year: the 36 cases of the past year and the 13 of the progress cohort, dated back.
  expect(figures.opened.total).toEqual({ count: 49 })
  expect(figures.opened.cells).toEqual([
    [{ count: 29 }, { count: 12 }],
    [{ below: 10 }, { count: 0 }],
    [{ below: 10 }, { count: 0 }],
  ])
  // Closed within the year, by outcome: one published, the others suppressed.
  const closed = figures.closedByOutcome
  expect(closed.total).toEqual({ count: 20 })
  expect(closed.counts[closed.keys.indexOf('goals_reached')]).toEqual({ count: 11 })
  expect(closed.counts.filter((c: Cell) => 'below' in c).length).toBeGreaterThanOrEqual(2)
  expect(figures.duration.cases).toEqual({ count: 20 })
  expect(figures.duration.medianDays).toBeGreaterThan(60)
  // Sessions of last year, most held.
  const held = figures.sessions.counts[figures.sessions.keys.indexOf('held')]
  expect(held.count).toBeGreaterThan(100)
  // Progress of the cohort, counted in the year its cases opened.
  expect(figures.progress.reviewsByWorker.total).toEqual({ count: 12 })

  // The yearly report of last year reads the same figures.
  const report = json(await lead.get(`/api/activity-report?teamId=${teams[0].id}&year=${lastYear}`))
  expect(report.accompaniments.opened.total).toEqual({ count: 49 })
})

it('leaves the team’s worker no unread notice of last year’s closures, and the cases their dates', async () => {
  const worker = await signIn('intervenante')
  const notices = json(await worker.get('/api/notifications'))
  const approvals = notices.items.filter((n: { event: string }) => n.event === 'closure_approved')
  expect(approvals.length).toBeGreaterThan(0)
  for (const n of approvals) expect(n.readAt).not.toBeNull()
  expect(notices.unread).toBeLessThan(10)

  // A case closed last year: opened, worked, asked to close and closed on its own days, not today.
  const list = json(await worker.get('/api/accompaniments?status=closed'))
  const past = list.items.filter((c: { updatedAt: string }) => c.updatedAt.startsWith(`${lastYear}`))
  expect(past.length).toBeGreaterThan(0)
  const timeline = json(await worker.get(`/api/accompaniments/${past[0].id}/timeline`)).items as { at: string; type: string }[]
  expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'session_recorded', 'approve_closure']))
  for (const e of timeline) expect(e.at.slice(0, 4), e.type).toBe(`${lastYear}`)
})
