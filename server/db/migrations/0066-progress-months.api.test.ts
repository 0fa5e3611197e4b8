import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { rebuildProgressMonths } from './0066-progress-months'
import { runCli } from '../../test/cli'
import { type Agent, DB_KIND, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Issue 14: the progress indicators add whole months of summed facts (progress_fact_months, kept
 * by triggers) to the facts of the cases of the period's first and last months. Cases moved back
 * in time exercise both: opened in March 2025, half of them closed in mid-August 2025.
 */
let t: TestApp
let team: string
let otherTeam: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let dpo: Agent & { userId: string }

const v = (n: number) => ({ 'if-match': `"${n}"` })
type Case = { id: string; personId: string }
const open: Case[] = []
const closed: Case[] = []

async function reviewedCase(lastName: string): Promise<Case> {
  const person = json(await worker.post('/api/persons', { firstName: 'Mois', lastName }))
  const res = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(res.statusCode, res.body).toBe(201)
  const c = { id: json(res).id as string, personId: person.id as string }
  // Housing as the worker rates it goes up: one "improved" per case.
  for (const [takenOn, score] of [
    ['2025-04-10', 3],
    ['2025-07-10', 6],
  ] as const) {
    const r = await worker.post(`/api/accompaniments/${c.id}/assessments`, {
      instrument: 'progress-review',
      takenOn,
      answers: { housing: { worker: score } },
    })
    expect(r.statusCode, r.body).toBe(201)
  }
  return c
}

async function close(c: Case) {
  const { version } = json(await worker.get(`/api/accompaniments/${c.id}`))
  expect(
    (await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'goals_reached', reason: 'Fin' }, v(version))).statusCode,
  ).toBe(200)
  expect((await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(version + 1))).statusCode).toBe(200)
}

/** The table as the triggers left it, in a stable order, without the zero rows a move leaves. */
async function months() {
  const rows = await t.services.db.selectFrom('progress_fact_months').selectAll().execute()
  return rows
    .filter((r) => Number(r.facts) !== 0)
    .map((r) =>
      JSON.stringify(
        Object.fromEntries(Object.entries(r).map(([k, x]) => [k, typeof x === 'string' && /^-?\d+$/.test(x) ? Number(x) : x])),
      ),
    )
    .sort()
}

async function expectTriggersMatchFacts() {
  const kept = await months()
  await rebuildProgressMonths(t.services.db)
  expect(kept).toEqual(await months())
}

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  otherTeam = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  dpo = await t.as(['dpo'])
  for (let i = 0; i < 11; i++) open.push(await reviewedCase(`Ouvert${i}`))
  for (let i = 0; i < 11; i++) {
    const c = await reviewedCase(`Clos${i}`)
    await close(c)
    closed.push(c)
  }
  // Moved back in time, as a service that has run for two years has them: the triggers move
  // each case's facts to its new months.
  const db = t.services.db
  await db
    .updateTable('accompaniments')
    .set({ created_at: '2025-03-10T09:00:00.000Z' })
    .where(
      'id',
      'in',
      [...open, ...closed].map((c) => c.id),
    )
    .execute()
  await db
    .updateTable('accompaniments')
    .set({ closed_at: '2025-08-15T09:00:00.000Z' })
    .where(
      'id',
      'in',
      closed.map((c) => c.id),
    )
    .execute()
})
afterAll(() => t?.close())

const improvedHousing = async (from: string, to: string) => {
  const res = await lead.get(`/api/indicators?teamId=${team}&from=${from}&to=${to}`)
  expect(res.statusCode, res.body).toBe(200)
  const table = json(res).progress.reviewsByWorker
  return table.cells[table.rows.indexOf('housing')][0]
}

it('keeps the monthly sums equal to the facts summed afresh', async () => {
  await expectTriggersMatchFacts()
  const rows = await t.services.db.selectFrom('progress_fact_months').selectAll().where('team_id', '=', team).execute()
  const housing = rows.filter((r) => r.kind === 'review' && r.domain === 'housing' && r.rater === 'worker')
  expect(housing.map((r) => [r.side, r.month, Number(r.facts), Number(r.up)]).sort()).toEqual([
    ['closed', '2025-08', 11, 11],
    ['opened', '2025-03', 22, 22],
  ])
})

it.each([
  ['a period within the month the cases opened (that month read case by case)', '2025-03-01', '2025-03-20', 22],
  ['a period after it (the opened month summed)', '2025-04-01', '2025-05-01', 22],
  ['a period starting before the closures', '2025-08-01', '2025-12-31', 22],
  ['a period starting after the closures, in their month (read case by case)', '2025-08-20', '2025-12-31', 11],
  ['a period starting months after the closures (their month summed and taken away)', '2025-10-01', '2026-02-01', 11],
])('counts the cases open in %s', async (_what, from, to, improved) => {
  expect(await improvedHousing(from, to)).toEqual({ count: improved })
})

it('counts nothing in a period that ends before the cases opened', async () => {
  expect(await improvedHousing('2025-01-01', '2025-03-09')).toEqual({ count: 0 })
})

it('follows a reopened case, a restricted one, one moved to another team and a rewritten review', async () => {
  // Reopened: it counts again after its old closing month.
  const reopened = closed[0]!
  const { version } = json(await worker.get(`/api/accompaniments/${reopened.id}`))
  expect((await worker.post(`/api/accompaniments/${reopened.id}/reopen`, { reason: 'Reprise' }, v(version))).statusCode).toBe(200)
  // Restricted (GDPR art. 18): it leaves every count.
  const restricted = open[0]!
  const { version: personVersion } = json(await dpo.get(`/api/persons/${restricted.personId}/restriction`))
  const r = await dpo.post(
    `/api/persons/${restricted.personId}/restriction`,
    { reason: 'Demande de limitation', accompanimentId: restricted.id },
    v(personVersion),
  )
  expect(r.statusCode, r.body).toBe(201)
  // Moved to another team: it counts there.
  await t.services.db.updateTable('accompaniments').set({ team_id: otherTeam }).where('id', '=', open[1]!.id).execute()
  // A review rewritten: the case's facts are deleted and written again.
  const third = await worker.post(`/api/accompaniments/${open[2]!.id}/assessments`, {
    instrument: 'progress-review',
    takenOn: '2025-09-10',
    answers: { housing: { worker: 2 } },
  })
  expect(third.statusCode, third.body).toBe(201)
  await expectTriggersMatchFacts()

  // 11 open − restricted − moved − now worse + the reopened one = 9: under the threshold.
  expect(await improvedHousing('2025-10-01', '2026-02-01')).toEqual({ below: 10 })
  const rows = await t.services.db
    .selectFrom('progress_fact_months')
    .select(['side', 'month', sql<number>`up`.as('up')])
    .where('team_id', '=', team)
    .where('kind', '=', 'review')
    .where('domain', '=', 'housing')
    .where('rater', '=', 'worker')
    .execute()
  const up = Object.fromEntries(rows.map((x) => [`${x.side} ${x.month}`, Number(x.up)]))
  expect(up).toEqual({ 'opened 2025-03': 19, 'closed 2025-08': 10 })
})

it('keeps the sums right when reviews of one team’s cases are saved at the same time', async () => {
  // The cases still open (a closed one takes no review); each save rewrites its case's facts in its own order of domains.
  const orders = [
    { family: { worker: 4 }, employment: { worker: 5 }, housing: { worker: 7 } },
    { housing: { worker: 7 }, employment: { worker: 5 }, family: { worker: 4 } },
  ]
  const saves = await Promise.all(
    [...open.slice(3), closed[0]!].map((c, i) =>
      worker.post(`/api/accompaniments/${c.id}/assessments`, {
        instrument: 'progress-review',
        takenOn: '2025-11-10',
        answers: orders[i % 2],
      }),
    ),
  )
  expect(saves.map((r) => r.statusCode)).toEqual(saves.map(() => 201))
  await expectTriggersMatchFacts()
})

it('makes two transactions writing facts of one team queue, not deadlock, on the same monthly rows', async () => {
  // Two cases opened the same month: their facts of one key add to the same row. The first
  // transaction writes family then, a moment later, housing; the second housing then family.
  // Without the team's lock (PostgreSQL), each would hold the row the other waits for.
  const db = t.services.db
  const fact = (caseId: string, domain: 'family' | 'housing') => ({
    accompaniment_id: caseId,
    kind: 'review' as const,
    domain,
    rater: 'person' as const,
    first_value: 2,
    latest_value: 5,
    count_a: 0,
    count_b: 0,
    observations: 2,
    updated_at: new Date().toISOString(),
  })
  let started!: () => void
  const firstWrote = new Promise<void>((resolve) => (started = resolve))
  const first = db.transaction().execute(async (trx) => {
    await trx.insertInto('case_progress_facts').values(fact(open[3]!.id, 'family')).execute()
    started()
    await new Promise((resolve) => setTimeout(resolve, 300))
    await trx.insertInto('case_progress_facts').values(fact(open[3]!.id, 'housing')).execute()
  })
  const second = (async () => {
    await firstWrote
    // SQLite has one writer at a time: the second transaction begins once the first has committed.
    if (DB_KIND === 'sqlite') await first
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('case_progress_facts').values(fact(open[4]!.id, 'housing')).execute()
      await trx.insertInto('case_progress_facts').values(fact(open[4]!.id, 'family')).execute()
    })
  })()
  const outcomes = await Promise.allSettled([first, second])
  expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'committed'))).toEqual(['committed', 'committed'])
  await expectTriggersMatchFacts()
})

it('tells an operator when the sums drifted from the facts, and makes them again', async () => {
  const check = () => runCli(t, ['indicators', 'check'])
  const clean = check()
  expect(clean.status, clean.stderr).toBe(0)
  expect(clean.stdout).toMatch(/progress_fact_months: \d+ rows, 0 differing/)
  expect(clean.stdout).toContain('session_days: 0 rows, 0 differing')
  // As after rows written with the triggers off: one month's count no longer what its facts say.
  await sql`update progress_fact_months set up = up + 1 where team_id = ${team} and side = 'opened' and month = '2025-03' and domain = 'housing' and rater = 'worker'`.execute(
    t.services.db,
  )
  const drifted = check()
  expect(drifted.status).toBe(1)
  // The row as kept and the row as it should be: two lines that differ.
  expect(drifted.stdout).toMatch(/progress_fact_months: \d+ rows, 2 differing/)
  // A check changes nothing.
  expect(check().status).toBe(1)
  const rebuilt = runCli(t, ['indicators', 'rebuild'])
  expect(rebuilt.status, rebuilt.stderr).toBe(0)
  expect(rebuilt.stdout).toMatch(/progress_fact_months: \d+ rows, 2 differing \(rebuilt\)/)
  expect(check().status).toBe(0)
})

it('takes a case marked closed without its closing instant (a hand edit) without failing the write', async () => {
  // The lifecycle always sets the instant; a row edited by hand may lack it. The sums then count
  // the case as not closed, as they would any case with no closing month, and stay equal to a rebuild.
  await t.services.db.updateTable('accompaniments').set({ status: 'closed', closed_at: null }).where('id', '=', open[5]!.id).execute()
  await expectTriggersMatchFacts()
})
