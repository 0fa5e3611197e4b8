import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runCli } from '../../test/cli'
import { type Agent, json, startTestApp, type TestApp, serviceDate } from '../../test/harness'

/**
 * Issue 14: progress indicators come from facts the saving commands write (case_progress_facts),
 * through the small-cell rule, without the team's restricted cases.
 */
let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let dpo: Agent & { userId: string }

const day = serviceDate
const PERIOD = `from=${day(-1)}&to=${day(1)}`
const v = (n: number) => ({ 'if-match': `"${n}"` })
const tie = (name: string, valence: string) => ({ id: crypto.randomUUID(), name, kind: 'person', relation: 'friend', strength: 2, valence })

type Case = { id: string; personId: string }
const improving: Case[] = []
let worsening: Case
let worseReview: { id: string; version: number }
let once: Case

async function openCase(lastName: string): Promise<Case> {
  const person = json(await worker.post('/api/persons', { firstName: 'Progrès', lastName }))
  const res = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(res.statusCode, res.body).toBe(201)
  return { id: json(res).id, personId: person.id }
}

async function review(c: Case, takenOn: string, answers: object) {
  const res = await worker.post(`/api/accompaniments/${c.id}/assessments`, { instrument: 'progress-review', takenOn, answers })
  expect(res.statusCode, res.body).toBe(201)
  return json(res) as { id: string; version: number }
}

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  dpo = await t.as(['dpo'])
  for (let i = 0; i < 11; i++) {
    const c = await openCase(`Progresse${i}`)
    improving.push(c)
    // Housing: the worker's score goes up, the person's stays.
    await review(c, '2026-01-10', { housing: { worker: 3, person: 5 } })
    await review(c, '2026-04-10', { housing: { worker: 6, person: 5 } })
    const plan = await worker.put(
      `/api/accompaniments/${c.id}/plan`,
      {
        goals: [
          {
            domain: 'employment',
            title: 'Formation',
            steps: [
              { title: 'Inscription', who: 'person', status: 'done' },
              { title: 'Abandonnée', who: 'worker', status: 'dropped' },
            ],
          },
          { domain: 'family', title: 'Renouer', steps: [{ title: 'Appeler', who: 'person', status: 'in_progress' }] },
        ],
      },
      v(0),
    )
    expect(plan.statusCode, plan.body).toBe(200)
    const mum = tie('Maman', 'supportive')
    for (const [takenOn, ties] of [
      ['2026-01-10', [mum, tie('Forum', 'harmful')]],
      ['2026-04-10', [mum, tie('Club de boxe', 'supportive')]],
    ] as const) {
      const res = await worker.post(`/api/accompaniments/${c.id}/network`, { takenOn, ties })
      expect(res.statusCode, res.body).toBe(201)
    }
  }
  // One case whose family score, as the person rates it, falls: a cell of one, to be hidden.
  worsening = await openCase('Recule')
  await review(worsening, '2026-01-10', { family: { person: 7 } })
  worseReview = await review(worsening, '2026-04-10', { family: { person: 4 } })
  // One review only: nothing to compare, counted nowhere.
  once = await openCase('Unique')
  await review(once, '2026-01-10', { housing: { worker: 1 } })
})
afterAll(() => t?.close())

const indicators = async (by: Agent = lead) => {
  const res = await by.get(`/api/indicators?teamId=${team}&${PERIOD}`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res)
}

const row = (table: { rows: string[]; cells: unknown[][] }, domain: string) => table.cells[table.rows.indexOf(domain)]

/** Every published count is the true one, and nothing from 1 to 9 is published anywhere. */
function expectHonest(table: any, truth: number[][]) {
  truth.forEach((r, i) =>
    r.forEach((value, j) => {
      const c = table.cells[i][j]
      expect(c).toEqual('count' in c ? { count: value } : { below: 10 })
    }),
  )
  for (const m of JSON.stringify(table).matchAll(/"count":(\d+)/g)) expect(Number(m[1]) === 0 || Number(m[1]) >= 10).toBe(true)
}

const domains = (out: any) => out.progress.reviewsByWorker.rows as string[]
const grid = (out: any, entries: Record<string, number[]>, width: number) =>
  domains(out).map((d) => entries[d] ?? new Array<number>(width).fill(0))

it('counts a domain whose score went up as improved, per rater, and hides the small cells', async () => {
  const out = await indicators()
  const p = out.progress
  expect(p.reviewsByWorker.columns).toEqual(['improved', 'same', 'worse'])
  // The case with a single review is compared with nothing.
  expect(row(p.reviewsByWorker, 'housing')).toEqual([{ count: 11 }, { count: 0 }, { count: 0 }])
  expect(p.reviewsByWorker.total).toEqual({ count: 11 })
  // The person rated housing the same each time; the one case whose family score fell is a cell of one.
  expect(row(p.reviewsByPerson, 'family')![2]).toEqual({ below: 10 })
  expectHonest(p.reviewsByPerson, grid(out, { housing: [0, 11, 0], family: [0, 0, 1] }, 3))
  expect(JSON.stringify(out)).not.toContain('Maman')
})

it('counts plan goals done and open per domain, and the network’s supportive ties gained and harmful ones left', async () => {
  const p = (await indicators()).progress
  expect(p.planGoals.columns).toEqual(['done', 'open'])
  // A goal whose steps are done or dropped is done; one with a step under way is open.
  expect(row(p.planGoals, 'employment')).toEqual([{ count: 11 }, { count: 0 }])
  expect(row(p.planGoals, 'family')).toEqual([{ count: 0 }, { count: 11 }])
  expect(p.network).toEqual({
    cases: { count: 11 },
    supportiveGained: { keys: ['yes', 'no'], counts: [{ count: 11 }, { count: 0 }], total: { count: 11 } },
    harmfulLeft: { keys: ['yes', 'no'], counts: [{ count: 11 }, { count: 0 }], total: { count: 11 } },
    supportiveTiesGained: { count: 11 },
    harmfulTiesLeft: { count: 11 },
  })
})

it('follows a corrected review: its facts are rewritten with it', async () => {
  const res = await worker.put(
    `/api/accompaniments/${worsening.id}/assessments/${worseReview.id}`,
    { takenOn: '2026-04-10', answers: { family: { person: 9 } } },
    v(worseReview.version ?? 1),
  )
  expect(res.statusCode, res.body).toBe(200)
  const out = await indicators()
  const p = out.progress
  // Now improved: a cell of one under "improved" and nothing left under "worse".
  expect(row(p.reviewsByPerson, 'family')![0]).toEqual({ below: 10 })
  expect(p.reviewsByPerson.columnTotals[2]).toEqual({ count: 0 })
  expectHonest(p.reviewsByPerson, grid(out, { housing: [0, 11, 0], family: [1, 0, 0] }, 3))
})

it('leaves a restricted case out (GDPR art. 18)', async () => {
  const target = improving[0]!
  const { version } = json(await dpo.get(`/api/persons/${target.personId}/restriction`))
  const res = await dpo.post(`/api/persons/${target.personId}/restriction`, { reason: 'Exactitude contestée' }, v(version))
  expect(res.statusCode, res.body).toBe(201)
  const p = (await indicators()).progress
  expect(row(p.reviewsByWorker, 'housing')![0]).toEqual({ count: 10 })
  expect(row(p.planGoals, 'employment')).toEqual([{ count: 10 }, { count: 0 }])
  expect(p.network.cases).toEqual({ count: 10 })
  expect(p.network.supportiveTiesGained).toEqual({ count: 10 })
})

it('publishes the line’s contacts and the team’s referrals through the same rule', async () => {
  const intake = await t.as(['intake'])
  const call = async (channel: string) => {
    const res = await intake.post('/api/contacts', {
      channel,
      callerKind: 'relative',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      durationMinutes: 10,
      summary: 'Inquiétude pour un neveu',
      personDescription: 'Un neveu de 19 ans',
      urgency: 'week',
      themes: ['online_exposure'],
    })
    expect(res.statusCode, res.body).toBe(201)
  }
  for (let i = 0; i < 11; i++) await call('phone')
  await call('email')
  const out = await indicators()
  const at = (list: { keys: string[]; counts: unknown[] }, key: string) => list.counts[list.keys.indexOf(key)]
  expect(out.contacts.total).toEqual({ count: 12 })
  expect(at(out.contacts.byCallerKind, 'relative')).toEqual({ count: 12 })
  // One e-mail: hidden, and the phone calls with it (the total would give it back).
  expect(at(out.contacts.byChannel, 'email')).toEqual({ below: 10 })
  expect(at(out.contacts.byChannel, 'phone')).toEqual({ below: 10 })
  expect(out.contacts.byTheme.keys).toEqual(['online_exposure'])
  expect(out.contacts.byTheme.counts).toEqual([{ count: 12 }])
  expect(out.contacts.byTheme.labels[0].fr.length).toBeGreaterThan(3)
  expect(JSON.stringify(out)).not.toContain('neveu')
  expect(out.referrals.byResult.keys).toEqual(['awaiting', 'declined', 'ongoing', 'met', 'partly_met', 'not_met', 'stopped'])
  expect(out.referrals.byResult.total).toEqual({ count: 0 })
})

it('writes the facts of cases saved before them once, from the command line, to the same figures', async () => {
  const before = (await indicators()).progress
  // As on a database migrated to 0058 with cases already saved: no facts yet.
  await t.services.db.deleteFrom('case_progress_facts').execute()
  expect((await indicators()).progress.network.cases).toEqual({ count: 0 })
  const res = runCli(t, ['progress-facts', 'backfill'])
  expect(res.status, res.stderr).toBe(0)
  // The restricted case is not processed: 13 cases in all, 12 backfilled.
  expect(res.stdout).toContain('progress facts written for 12 cases')
  expect((await indicators()).progress).toEqual(before)
  const entries = await t.services.db
    .selectFrom('audit_log')
    .select('subject_id')
    .where('action', '=', 'progress_facts.backfilled')
    .where('subject_type', '=', 'accompaniment')
    .execute()
  expect(entries.map((e) => e.subject_id)).toContain(improving[1]!.id)
})
