import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../test/cli'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The real retention run: the DPO proposes a snapshot of the due list, approves it, and the run
 * erases whole persons whose every case is due (crypto-shred), skipping a case held since the
 * proposal; the report holds counts, never a name; the dry run and the run agree item for item.
 */
let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let dpo: Agent & { userId: string }
beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  dpo = await t.as(['dpo'])
})
afterAll(() => t.close())

const v = (n: number) => ({ 'if-match': `"${n}"` })
const NAMES = [
  { firstName: 'Ophélie', lastName: 'Effacementine' },
  { firstName: 'Baudouin', lastName: 'Gardeconserve' },
  { firstName: 'Clémence', lastName: 'Doublecas' },
]

async function openCase(personId: string) {
  const c = json(
    await worker.post('/api/accompaniments', { kind: 'concerned', personId, teamId: team, framework: { framework: 'voluntary' } }),
  )
  return { id: c.id as string, code: c.code as string, version: c.version as number }
}

async function close(c: { id: string; version: number }) {
  const asked = await worker.post(
    `/api/accompaniments/${c.id}/closure`,
    { outcome: 'goals_reached', reason: 'Projet abouti' },
    v(c.version),
  )
  expect(asked.statusCode, asked.body).toBe(200)
  const done = await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(json(asked).version))
  expect(done.statusCode, done.body).toBe(200)
}

describe('a retention run', () => {
  it('agrees with the dry run, skips a case held after the proposal, erases the rest, and reports counts only', async () => {
    const persons = []
    for (const n of NAMES) persons.push(json(await worker.post('/api/persons', n)).id as string)
    const [erasedId, heldId, twoCasesId] = persons as [string, string, string]
    const erased = await openCase(erasedId)
    await close(erased)
    const held = await openCase(heldId)
    await close(held)
    // A person with a closed case and an open one: the closed one is due, the person is kept.
    const closedOfTwo = await openCase(twoCasesId)
    await close(closedOfTwo)
    await openCase(twoCasesId)

    expect(
      (await dpo.put('/api/dpo/retention/schedules/case_voluntary', { months: 0, legalReason: 'Politique du service' }, v(0))).statusCode,
    ).toBe(200)

    const due = json(await dpo.get('/api/dpo/retention/due'))
    const proposed = await dpo.post('/api/dpo/retention/runs', {})
    expect(proposed.statusCode, proposed.body).toBe(201)
    const run = json(proposed)
    expect(run).toMatchObject({ status: 'proposed', version: 1, proposedBy: { id: dpo.userId }, report: null })
    // Item for item, the run takes what the dry run lists (held ones apart), and the same counts.
    const dryItems = due.items
      .filter((i: { held: boolean }) => !i.held)
      .map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`)
      .sort()
    const runItems = run.items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`).sort()
    expect(runItems).toEqual(dryItems)
    expect(runItems).toEqual(
      expect.arrayContaining([`case_voluntary:${erased.id}`, `case_voluntary:${held.id}`, `case_voluntary:${closedOfTwo.id}`]),
    )
    expect(run.kinds).toEqual(due.kinds)
    expect(run.total).toBe(due.kinds.reduce((n: number, k: { due: number }) => n + k.due, 0))
    const cli = runCli(t, ['retention', 'run', '--dry-run'])
    expect(cli.status, cli.stderr).toBe(0)
    expect(cli.stdout).toContain(`total due: ${run.total}`)
    for (const k of run.kinds) expect(cli.stdout).toMatch(new RegExp(`${k.kind}\\s+.*due\\s+${k.due}\\s+held ${k.held}`))
    // Nothing approved yet: the command line says what waits, and erases nothing.
    const waiting = runCli(t, ['retention', 'run'])
    expect(waiting.status).toBe(2)
    expect(waiting.stdout).toContain(run.id)

    // A hold placed after the proposal keeps its case out of the run.
    const hold = await dpo.post('/api/dpo/legal-holds', { caseCode: held.code, reason: 'Procédure en cours', reviewOn: '2027-06-30' })
    expect(hold.statusCode, hold.body).toBe(201)

    expect((await dpo.post(`/api/dpo/retention/runs/${run.id}/approval`, {})).statusCode).toBe(428)
    expect((await worker.post(`/api/dpo/retention/runs/${run.id}/approval`, {}, v(1))).statusCode).toBe(403)
    const approved = await dpo.post(`/api/dpo/retention/runs/${run.id}/approval`, {}, v(1))
    expect(approved.statusCode, approved.body).toBe(200)
    const done = json(approved)
    expect(done).toMatchObject({ status: 'executed', approvedBy: { id: dpo.userId } })
    const outcome = (id: string) => done.items.find((i: { id: string }) => i.id === id)
    expect(outcome(erased.id)).toMatchObject({ outcome: 'erased', skipReason: null })
    expect(outcome(held.id)).toMatchObject({ outcome: 'skipped', skipReason: 'held' })
    expect(outcome(closedOfTwo.id)).toMatchObject({ outcome: 'skipped', skipReason: 'other_cases_kept' })
    const voluntary = done.report.kinds.find((k: { kind: string }) => k.kind === 'case_voluntary')
    expect(voluntary).toMatchObject({ erased: 1, anonymised: 0, skipped: { held: 1, other_cases_kept: 1 } })
    expect(done.report.persons).toBe(1)

    // Approving again is refused, with the new version or the old one.
    expect((await dpo.post(`/api/dpo/retention/runs/${run.id}/approval`, {}, v(done.version))).statusCode).toBe(409)
    expect([409, 412]).toContain((await dpo.post(`/api/dpo/retention/runs/${run.id}/approval`, {}, v(1))).statusCode)

    // The erased person's doors answer 410; the held and the kept ones are still there.
    for (const url of [`/api/persons/${erasedId}`, `/api/accompaniments/${erased.id}`]) {
      const res = await worker.get(url)
      expect([url, res.statusCode]).toEqual([url, 410])
    }
    expect((await worker.get(`/api/persons/${heldId}`)).statusCode).toBe(200)
    expect((await worker.get(`/api/persons/${twoCasesId}`)).statusCode).toBe(200)

    // The report, the run and the list of runs name no one.
    const list = await dpo.get('/api/dpo/retention/runs')
    const view = await dpo.get(`/api/dpo/retention/runs/${run.id}`)
    for (const body of [list.body, view.body, approved.body])
      for (const n of NAMES) {
        expect(body).not.toContain(n.firstName)
        expect(body).not.toContain(n.lastName)
      }
    expect(json(list).items[0]).toMatchObject({ id: run.id, status: 'executed', report: done.report })
    const stored = await t.services.db.selectFrom('retention_runs').selectAll().where('id', '=', run.id).executeTakeFirstOrThrow()
    for (const n of NAMES) expect(JSON.stringify(stored)).not.toContain(n.lastName)

    // The erased case is not due any more; the held one is still held; the other still due.
    const after = json(await dpo.get('/api/dpo/retention/due'))
    expect(after.items.some((i: { id: string }) => i.id === erased.id)).toBe(false)
    expect(after.items).toContainEqual(expect.objectContaining({ id: held.id, held: true }))
    expect(after.items).toContainEqual(expect.objectContaining({ id: closedOfTwo.id, held: false }))
  }, 300_000)

  it('replaces a waiting proposal with a new one, the old one cancelled', async () => {
    const first = json(await dpo.post('/api/dpo/retention/runs', {}))
    const second = json(await dpo.post('/api/dpo/retention/runs', {}))
    const runs = json(await dpo.get('/api/dpo/retention/runs')).items
    expect(runs.find((r: { id: string }) => r.id === first.id)).toMatchObject({ status: 'cancelled' })
    expect(runs.find((r: { id: string }) => r.id === second.id)).toMatchObject({ status: 'proposed' })
    expect((await dpo.post(`/api/dpo/retention/runs/${first.id}/approval`, {}, v(2))).statusCode).toBe(409)
    expect((await dpo.get(`/api/dpo/retention/runs/${crypto.randomUUID()}`)).statusCode).toBe(404)
  })
})
