import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../test/cli'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Retention: the DPO sets a term per record kind with its reason; a closed case becomes due when
 * its term from the closure has run out, unless a legal hold keeps it; the command line's dry run
 * and the API's agree. Nothing is erased here: the dry run changes nothing.
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

async function closedCase(framework: Record<string, unknown>) {
  const person = json(await worker.post('/api/persons', { firstName: 'Maxime', lastName: 'Conservé' }))
  const c = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team, framework }))
  const asked = await worker.post(
    `/api/accompaniments/${c.id}/closure`,
    { outcome: 'goals_reached', reason: 'Projet abouti' },
    v(c.version),
  )
  expect(asked.statusCode, asked.body).toBe(200)
  const done = await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, v(json(asked).version))
  expect(done.statusCode, done.body).toBe(200)
  return { id: c.id as string, code: c.code as string }
}

const due = async () => json(await dpo.get('/api/dpo/retention/due'))
const kindOf = (d: { kinds: { kind: string }[] }, kind: string) => d.kinds.find((k) => k.kind === kind)
const setTerm = async (kind: string, months: number | null, version: number, legalReason = 'Politique du service, art. 5.1.e RGPD') =>
  dpo.put(`/api/dpo/retention/schedules/${kind}`, { months, legalReason }, v(version))

describe('retention schedules and the dry run', () => {
  it('lists every kind, not set at first, and sets a term with its reason under If-Match', async () => {
    const list = json(await dpo.get('/api/dpo/retention/schedules')).items
    expect(list.map((s: { kind: string }) => s.kind)).toEqual([
      'case_voluntary',
      'case_judicial',
      'case_advice',
      'contact_unlinked',
      'dpo_request',
      'audit_log',
    ])
    expect(list[0]).toMatchObject({ months: null, version: 0, trigger: 'closure' })
    const noReason = await setTerm('case_advice', 24, 0, '')
    expect(json(noReason).errors).toEqual([expect.objectContaining({ field: 'legalReason', code: 'required' })])
    const set = await setTerm('case_advice', 24, 0)
    expect(set.statusCode, set.body).toBe(200)
    expect(json(set)).toMatchObject({ months: 24, version: 1, updatedBy: { id: dpo.userId } })
    expect((await setTerm('case_advice', 36, 0)).statusCode).toBe(412)
    expect((await dpo.put('/api/dpo/retention/schedules/case_advice', { months: 36, legalReason: 'x' })).statusCode).toBe(428)
    expect((await worker.get('/api/dpo/retention/schedules')).statusCode).toBe(403)
    expect((await setTerm('case_advice', -1, 1)).statusCode).toBe(400)
  })

  it('makes a closed case due when its term has run out, keeps a held one, and agrees with the command line', async () => {
    const voluntary = await closedCase({ framework: 'voluntary' })
    const judicial = await closedCase({
      framework: 'judicial',
      measure: 'probation_condition',
      mandateStart: '2025-01-05',
      mandateEnd: '2026-01-04',
      reportEveryMonths: 3,
    })
    // Closed today: not due under a 12-month term, due under a term of 0 months.
    expect((await setTerm('case_voluntary', 12, 0)).statusCode).toBe(200)
    expect(kindOf(await due(), 'case_voluntary')).toMatchObject({ months: 12, due: 0 })
    expect((await setTerm('case_voluntary', 0, 1)).statusCode).toBe(200)
    let d = await due()
    expect(kindOf(d, 'case_voluntary')).toMatchObject({ due: 1, held: 0 })
    expect(d.items).toContainEqual(
      expect.objectContaining({ kind: 'case_voluntary', subject: 'case', id: voluntary.id, code: voluntary.code, held: false }),
    )
    // The judicial case has no term yet: never due.
    expect(d.items.some((i: { id: string }) => i.id === judicial.id)).toBe(false)

    const hold = await dpo.post('/api/dpo/legal-holds', {
      caseCode: voluntary.code.toLowerCase(),
      reason: 'Procédure en appel, parquet de Liège',
      reviewOn: '2027-06-30',
    })
    expect(hold.statusCode, hold.body).toBe(201)
    expect(json(hold)).toMatchObject({
      case: { id: voluntary.id },
      reason: 'Procédure en appel, parquet de Liège',
      reviewDue: false,
      liftedAt: null,
    })
    const twice = await dpo.post('/api/dpo/legal-holds', { caseCode: voluntary.code, reason: 'encore', reviewOn: '2027-06-30' })
    expect(json(twice).errors).toEqual([expect.objectContaining({ field: 'caseCode', code: 'already_held' })])
    const stored = await t.services.db.selectFrom('legal_holds').selectAll().where('id', '=', json(hold).id).executeTakeFirstOrThrow()
    expect(JSON.stringify(stored)).not.toContain('Liège')
    d = await due()
    expect(kindOf(d, 'case_voluntary')).toMatchObject({ due: 0, held: 1 })
    expect(d.items).toContainEqual(expect.objectContaining({ id: voluntary.id, held: true }))

    const cli = runCli(t, ['retention', 'run', '--dry-run'])
    expect(cli.status, cli.stderr).toBe(0)
    expect(cli.stdout).toMatch(/case_voluntary\s+0 months\s+due\s+0\s+held 1/)
    expect(cli.stdout).toMatch(/case_advice\s+24 months\s+due\s+0/)
    expect(runCli(t, ['retention', 'run']).status).toBe(2)

    const lifted = await dpo.post(`/api/dpo/legal-holds/${json(hold).id}/lift`, { reason: 'Arrêt définitif' }, v(1))
    expect(lifted.statusCode, lifted.body).toBe(200)
    expect(json(lifted)).toMatchObject({ liftReason: 'Arrêt définitif', version: 2 })
    expect((await dpo.post(`/api/dpo/legal-holds/${json(hold).id}/lift`, { reason: 'encore' }, v(2))).statusCode).toBe(409)
    d = await due()
    expect(kindOf(d, 'case_voluntary')).toMatchObject({ due: 1, held: 0 })
    const again = runCli(t, ['retention', 'run', '--dry-run'])
    expect(again.stdout).toMatch(/case_voluntary\s+0 months\s+due\s+1\s+held 0/)
    expect(again.stdout).toContain(`total due: ${d.kinds.reduce((n: number, k: { due: number }) => n + k.due, 0)}`)
  }, 300_000)

  it('refuses a hold on an unknown case code, naming the field', async () => {
    const res = await dpo.post('/api/dpo/legal-holds', { caseCode: 'A-0000-0000', reason: 'x', reviewOn: '2027-01-01' })
    expect(res.statusCode).toBe(400)
    expect(json(res).errors).toEqual([expect.objectContaining({ field: 'caseCode', code: 'unknown_case' })])
  })
})
