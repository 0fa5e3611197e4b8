import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AuditEntry, appendAuditMany } from '../../security/audit.chain'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The DPO's access review: per account, persons and cases read per day with the days that stand
 * out (10× the account's own median, above a floor) and the accounts that broke the glass often;
 * "who read this person" lists exactly the accounts whose reads showed the person; "what did this
 * user read" lists persons and cases by code. Only the DPO may ask, and what was typed (a name, a
 * code) never reaches the audit entry.
 *
 * A month of past reading is appended to the real chain (the HTTP API only reads "now"); the
 * review is asked about that month, so today's entries do not mix in.
 */

type Day = { day: string; persons: number; cases: number; outlier: boolean }
type ReviewUser = { actorId: string; days: Day[]; medianPersons: number; peakPersons: number; breakGlassGrants: number; flags: string[] }
type Review = { users: ReviewUser[] }
type Readers = { matchedCodes: string[]; readers: { actorId: string; reads: number; firstAt: string; lastAt: string }[] }
type User = Agent & { userId: string }

let t: TestApp
let team: string
let owner: User
let lead: User
let bystander: User
let spiker: User
let steady: User
let glass: User
let dpo: User
const julie = { id: '', code: '', caseId: '', caseCode: '' }
const karim = { id: '', code: '', caseId: '', caseCode: '' }

const iso = (d: Date) => d.toISOString().slice(0, 10)
const shift = (days: number) => iso(new Date(Date.now() + days * 86_400_000))
const today = { from: shift(-1), to: shift(1) }

const uuids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID())
const read = (actorId: string, day: string, persons: string[], extra: Partial<AuditEntry> = {}): AuditEntry => ({
  at: `${day}T10:00:00.000Z`,
  actorId,
  actorRole: 'worker',
  action: 'accompaniment.listed',
  subjectType: null,
  subjectId: null,
  personId: null,
  persons,
  purpose: null,
  outcome: 'success',
  requestId: crypto.randomUUID(),
  clientIp: '127.0.0.1',
  details: null,
  ...extra,
})
const march = (d: number) => `2025-03-${String(d).padStart(2, '0')}`

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  owner = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  bystander = await t.as(['worker'], { teamIds: [team] })
  ;[spiker, steady, glass, dpo] = await Promise.all([t.as(['worker']), t.as(['worker']), t.as(['worker']), t.as(['dpo'])])
  for (const [p, firstName, lastName] of [
    [julie, 'Julie', 'Vandamme'],
    [karim, 'Karim', 'Haddad'],
  ] as const) {
    const person = json(await owner.post('/api/persons', { firstName, lastName }))
    Object.assign(p, { id: person.id, code: person.code })
    const opened = await owner.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
    expect(opened.statusCode, opened.body).toBe(201)
    Object.assign(p, { caseId: json(opened).id, caseCode: json(opened).code })
  }
  // Julie is read by her worker and the team's lead; the bystander reads nothing of hers.
  expect((await owner.get(`/api/accompaniments/${julie.caseId}`)).statusCode).toBe(200)
  expect((await lead.get(`/api/accompaniments/${julie.caseId}`)).statusCode).toBe(200)
  expect((await bystander.get('/api/accompaniments')).statusCode).toBe(200)
  expect((await owner.get(`/api/persons/${karim.id}`)).statusCode).toBe(200)

  // March 2025: the spiker reads 3 persons a day for ten days, then 40 in one day; the steady
  // worker reads 30 every day (above the floor, never 10× their own median); the glass user
  // breaks the glass three times.
  const entries: AuditEntry[] = []
  for (let d = 1; d <= 10; d++) {
    entries.push(read(spiker.userId, march(d), uuids(3)))
    entries.push(read(steady.userId, march(d), uuids(30)))
  }
  entries.push(read(spiker.userId, march(11), uuids(40)))
  const caseId = crypto.randomUUID()
  entries.push(
    read(steady.userId, march(11), uuids(30), { action: 'accompaniment.viewed', subjectType: 'accompaniment', subjectId: caseId }),
  )
  for (let i = 0; i < 3; i++)
    entries.push(
      read(glass.userId, march(12), [], { action: 'accompaniment.break_glass', subjectType: 'accompaniment', subjectId: caseId }),
    )
  // A refused read showed nothing: it counts for nobody.
  entries.push(read(steady.userId, march(11), uuids(500), { outcome: 'denied' }))
  await t.services.db.transaction().execute((trx) => appendAuditMany(trx, entries))
})
afterAll(() => t?.close())

const review = async (from: string, to: string) => {
  const res = await dpo.get(`/api/audit/access-review?from=${from}&to=${to}`)
  expect(res.statusCode, res.body).toBe(200)
  return json<Review>(res)
}
const readers = async (body: Record<string, unknown>) => {
  const res = await dpo.post('/api/audit/access-review/readers', { ...today, ...body })
  expect(res.statusCode, res.body).toBe(200)
  return json<Readers>(res)
}

describe('reads per day, with outliers', () => {
  it('flags the day an account read 10× its usual, and puts flagged accounts first', async () => {
    const { users } = await review(march(1), march(31))
    const byId = new Map(users.map((u) => [u.actorId, u]))
    const s = byId.get(spiker.userId)!
    expect(s.medianPersons).toBe(3)
    expect(s.peakPersons).toBe(40)
    expect(s.flags).toEqual(['reads_spike'])
    expect(s.days.filter((d) => d.outlier).map((d) => d.day)).toEqual([march(11)])
    expect(s.days).toHaveLength(11)

    const st = byId.get(steady.userId)!
    expect(st.flags).toEqual([])
    expect(st.days.every((d) => !d.outlier)).toBe(true)
    // The denied read of 500 persons is not counted.
    expect(st.peakPersons).toBe(30)
    expect(st.days.at(-1)).toMatchObject({ day: march(11), persons: 30, cases: 1 })

    const g = byId.get(glass.userId)!
    expect(g).toMatchObject({ breakGlassGrants: 3, flags: ['break_glass'] })

    const flagged = users.filter((u) => u.flags.length > 0).map((u) => u.actorId)
    expect(new Set(flagged)).toEqual(new Set([spiker.userId, glass.userId]))
    expect(
      users
        .slice(0, 2)
        .map((u) => u.actorId)
        .sort(),
    ).toEqual([...flagged].sort())
    // Only March: today's readers are not in it.
    expect(byId.has(owner.userId)).toBe(false)
  })

  it("judges a day against the account's median over the period asked", async () => {
    // A window where the 40 is the median day itself flags nothing.
    const { users } = await review(march(11), march(11))
    expect(users.find((u) => u.actorId === spiker.userId)?.flags).toEqual([])
  })

  it('refuses a period backwards or longer than a quarter, naming the field', async () => {
    const backwards = await dpo.get(`/api/audit/access-review?from=${march(10)}&to=${march(1)}`)
    expect(backwards.statusCode).toBe(400)
    expect(backwards.body).toContain('to')
    const long = await dpo.get('/api/audit/access-review?from=2025-01-01&to=2025-06-30')
    expect(long.statusCode).toBe(400)
    expect(long.body).toContain('from')
  })
})

describe('who read this person', () => {
  it('lists exactly the accounts whose reads showed the person, by id, code or name', async () => {
    const first = await readers({ personId: julie.id })
    expect(first.matchedCodes).toEqual([julie.code])
    // Before any look-up by the DPO: the owner (create, open) and the lead; not the bystander.
    expect(new Set(first.readers.map((r) => r.actorId))).toEqual(new Set([owner.userId, lead.userId]))
    const leadRow = first.readers.find((r) => r.actorId === lead.userId)!
    expect(leadRow.reads).toBe(1)
    expect(leadRow.firstAt).toBe(leadRow.lastAt)

    // The DPO's look-up is itself a read of the person's trail, and is found next time.
    const byCode = await readers({ personCode: julie.code.toLowerCase() })
    expect(new Set(byCode.readers.map((r) => r.actorId))).toEqual(new Set([owner.userId, lead.userId, dpo.userId]))
    const byName = await readers({ personName: 'julie vandame' })
    expect(byName.matchedCodes).toEqual([julie.code])
    expect(new Set(byName.readers.map((r) => r.actorId))).toEqual(new Set([owner.userId, lead.userId, dpo.userId]))

    // Karim: his owner only (the lead opened Julie's case, not his), and not yet the DPO.
    const k = await readers({ personId: karim.id })
    expect(k.readers.map((r) => r.actorId)).toEqual([owner.userId])
  })

  it('answers nothing outside the dates, and nothing for an unknown person', async () => {
    expect((await readers({ personId: julie.id, from: march(1), to: march(31) })).readers).toEqual([])
    expect(await readers({ personCode: 'P-0000-0000' })).toEqual({ matchedCodes: [], readers: [] })
    expect(await readers({ personName: 'Nobody Atall' })).toEqual({ matchedCodes: [], readers: [] })
  })

  it('needs exactly one way of naming the person', async () => {
    const two = await dpo.post('/api/audit/access-review/readers', { ...today, personId: julie.id, personCode: julie.code })
    expect(two.statusCode).toBe(400)
    const none = await dpo.post('/api/audit/access-review/readers', today)
    expect(none.statusCode).toBe(400)
    const oneName = await dpo.post('/api/audit/access-review/readers', { ...today, personName: 'Vandamme' })
    expect(oneName.statusCode).toBe(400)
    expect(oneName.body).toContain('personName')
  })

  it('records the question under the person, with neither the name nor the code typed in the entry', async () => {
    for (const body of [{ personName: 'Julie Vandamme' }, { personCode: julie.code }]) {
      const res = await dpo.post('/api/audit/access-review/readers', { ...today, ...body })
      expect(res.statusCode).toBe(200)
      const rows = (await auditRows(t.services, 'audit.viewed')).filter((r) => r.request_id === res.headers['x-request-id'])
      expect(rows).toHaveLength(1)
      const [row] = rows
      expect(row!.person_id).toBe(julie.id)
      expect(row!.actor_id).toBe(dpo.userId)
      const details = JSON.stringify(row!.details)
      for (const typed of ['Julie', 'Vandamme', julie.code, julie.code.replace(/-/g, '')]) expect(details).not.toContain(typed)
      expect(JSON.parse(String(row!.details))).toMatchObject({ view: 'access_review.readers', matched: 1 })
    }
  })
})

describe('what did this user read', () => {
  it('lists persons and cases by code, with counts and first and last time', async () => {
    const res = await dpo.get(`/api/audit/access-review/users/${lead.userId}?from=${today.from}&to=${today.to}`)
    expect(res.statusCode, res.body).toBe(200)
    const body = json(res)
    expect(body.actorId).toBe(lead.userId)
    expect(body.cases).toEqual([expect.objectContaining({ caseId: julie.caseId, code: julie.caseCode, reads: 1 })])
    expect(body.persons.map((p: { code: string }) => p.code)).toEqual([julie.code])
    expect(JSON.stringify(body)).not.toContain('Vandamme')
    const [row] = (await auditRows(t.services, 'audit.viewed')).filter((r) => r.request_id === res.headers['x-request-id'])
    expect(row).toMatchObject({ subject_type: 'user', subject_id: lead.userId, person_id: null })
  })
})

describe('only the DPO', () => {
  it('refuses every other role', async () => {
    const admin = await t.as(['admin'])
    for (const agent of [owner, lead, admin]) {
      expect((await agent.get(`/api/audit/access-review?from=${march(1)}&to=${march(31)}`)).statusCode).toBe(403)
      expect((await agent.post('/api/audit/access-review/readers', { ...today, personId: julie.id })).statusCode).toBe(403)
      expect((await agent.get(`/api/audit/access-review/users/${owner.userId}?from=${today.from}&to=${today.to}`)).statusCode).toBe(403)
    }
  })
})
