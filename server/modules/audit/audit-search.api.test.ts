import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The DPO asks about a person by name: the name goes in a POST body (never a URL), is looked up
 * with the spelling-tolerant search (first and last name, since the DPO opens nobody), and the
 * answer is the same log as for the person's code. The entry records how many persons the name
 * designated, never the name. Entries also name their subject the way the service does (a case
 * or person code, a staff name), never by an internal id.
 */

type Item = { seq: number; action: string; kind: string | null; persons: string[]; subjectType: string | null; subjectRef: string | null }
type Result = { items: Item[]; total: number; matchedCodes: string[] }
type User = Agent & { userId: string }

let t: TestApp
let worker: User
let dpo: User
const julie = { id: '', code: '', caseId: '', caseCode: '' }
const karim = { id: '', code: '', caseId: '', caseCode: '' }

const search = async (agent: Agent, body: Record<string, unknown>) => agent.post('/api/audit/search', { limit: 200, ...body })
const byName = async (body: Record<string, unknown>) => {
  const res = await search(dpo, body)
  expect(res.statusCode, res.body).toBe(200)
  return json<Result>(res)
}
const byCode = async (query: string) => {
  const res = await dpo.get(`/api/audit?limit=200&${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return json<Result>(res)
}
const seqs = (r: { items: Item[] }) => r.items.map((i) => i.seq)

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  dpo = await t.as(['dpo'])
  for (const [p, firstName, lastName] of [
    [julie, 'Julie', 'Vandamme'],
    [karim, 'Karim', 'Haddad'],
  ] as const) {
    const person = json(await worker.post('/api/persons', { firstName, lastName }))
    Object.assign(p, { id: person.id, code: person.code })
    const opened = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
    expect(opened.statusCode, opened.body).toBe(201)
    Object.assign(p, { caseId: json(opened).id, caseCode: json(opened).code })
  }
  expect((await worker.get('/api/accompaniments')).statusCode).toBe(200)
  expect((await worker.get(`/api/accompaniments/${julie.caseId}`)).statusCode).toBe(200)
  expect((await worker.get(`/api/persons/${karim.id}`)).statusCode).toBe(200)
})
afterAll(() => t?.close())

describe('the DPO asks about a person by name', () => {
  it('answers what the code answers, spelling tolerated, and says which code the name designated', async () => {
    // Changes and list reads only: the DPO's own look-ups are reads of the person too, so the
    // "read" answers differ by the look-ups in between.
    for (const filters of [{ kind: 'change' }, { action: 'accompaniment.listed' }, { action: 'accompaniment.viewed' }] as Record<
      string,
      string
    >[]) {
      const query = new URLSearchParams(filters).toString()
      const expected = await byCode(`personCode=${julie.code}&${query}`)
      expect(expected.total, query).toBeGreaterThan(0)
      for (const name of ['Julie Vandamme', 'julie  VANDAMME', 'Julie Vandame']) {
        const found = await byName({ personName: name, ...filters })
        expect(found.matchedCodes, name).toEqual([julie.code])
        expect(seqs(found), name).toEqual(seqs(expected))
        expect(found.total).toBe(expected.total)
      }
    }
  })

  it('records the question under the person, with no name in the entry nor in any URL', async () => {
    const res = await search(dpo, { personName: 'Karim Haddad', kind: 'read' })
    expect(res.statusCode).toBe(200)
    expect(json<Result>(res).matchedCodes).toEqual([karim.code])
    const [row] = (await auditRows(t.services, 'audit.viewed')).filter((r) => r.request_id === res.headers['x-request-id'])
    expect(row).toMatchObject({ actor_id: dpo.userId, person_id: karim.id, outcome: 'success' })
    expect(row?.persons?.split(',')).toContain(karim.id)
    expect(JSON.parse(row?.details ?? '{}')).toEqual({ filters: ['kind', 'personName'].sort(), kind: 'read', by: 'name', matched: 1 })
    const all = await auditRows(t.services)
    expect(JSON.stringify(all)).not.toMatch(/Karim|Haddad|Julie|Vandam/i)
    // The next "who read Karim" shows the DPO's question among the reads.
    const next = await byCode(`personCode=${karim.code}&kind=read`)
    expect(next.items.some((i) => i.seq === Number(row?.seq))).toBe(true)
  })

  it('finds nobody for an unknown name, and answers an empty page', async () => {
    expect(await byName({ personName: 'Zoltan Kowalczyk' })).toEqual({ items: [], total: 0, matchedCodes: [] })
    const [row] = (await auditRows(t.services, 'audit.viewed')).slice(-1)
    expect(JSON.parse(row?.details ?? '{}')).toMatchObject({ by: 'name', matched: 0 })
    expect(row?.person_id).toBeNull()
  })

  it('keeps working without a name: the same filters as GET, the code included', async () => {
    const viaPost = await byName({ personCode: julie.code, kind: 'change' })
    expect(seqs(viaPost)).toEqual(seqs(await byCode(`personCode=${julie.code}&kind=change`)))
    expect(viaPost.matchedCodes).toEqual([])
    expect((await byName({ personCode: 'P-0000-0000' })).total).toBe(0)
  })

  it('refuses bad input, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ personName: 'Vandamme' }, 'personName'],
      [{ personName: '' }, 'personName'],
      [{ personName: '1234 5678' }, 'personName'],
      [{ personName: `Julie ${'x'.repeat(200)}` }, 'personName'],
      [{ personName: 42 }, 'personName'],
      [{ personName: 'Julie Vandamme', personCode: julie.code }, 'personName'],
      [{ personCode: 'Julie' }, 'personCode'],
      [{ personName: 'Julie Vandamme', from: 'yesterday' }, 'from'],
      [{ action: 'made.up' }, 'action'],
    ]
    for (const [body, field] of cases) {
      const res = await search(dpo, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect([...new Set(json(res).errors.map((e: { field: string }) => e.field))]).toEqual([field])
      // Nothing typed comes back.
      expect(res.body).not.toMatch(/Vandamme|Julie/)
    }
  })

  it('is for the DPO only', async () => {
    expect((await search(worker, { personName: 'Julie Vandamme' })).statusCode).toBe(403)
    const lead = await t.as(['lead'])
    expect((await search(lead, { personName: 'Julie Vandamme' })).statusCode).toBe(403)
    const admin = await t.as(['admin'])
    expect((await search(admin, { personName: 'Julie Vandamme' })).statusCode).toBe(403)
  })
})

describe('the subject of each entry, named as the service names it', () => {
  it('a case by its code, a person by theirs, a staff account by its name; never an id', async () => {
    const list = await byCode(`actorId=${worker.userId}`)
    const ref = (action: string) => list.items.find((i) => i.action === action)
    expect(ref('accompaniment.viewed')).toMatchObject({ subjectType: 'accompaniment', subjectRef: julie.caseCode })
    expect(ref('person.viewed')).toMatchObject({ subjectType: 'person', subjectRef: karim.code })
    const dpoLooks = await byCode(`actorId=${dpo.userId}&action=audit.viewed`)
    expect(dpoLooks.items.find((i) => i.subjectType === 'user')?.subjectRef).toBe('Test worker')
    for (const i of list.items) if (i.subjectRef) expect(i.subjectRef).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/)
  })
})
