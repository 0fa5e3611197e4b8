import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let outsider: Agent & { userId: string }
let intruder: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  const other = await t.team()
  outsider = await t.as(['worker'], { teamIds: [other] })
  intruder = await t.as(['worker'], { teamIds: [other] })
})
afterAll(() => t.close())

async function newCase() {
  const person = json(await worker.post('/api/persons', { firstName: 'Yanis', lastName: 'Merabet' }))
  return json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id as string
}

const mother = { name: 'Maman', kind: 'person', relation: 'family', strength: 3, valence: 'supportive', note: 'Appelle chaque dimanche' }
const forum = { name: 'Forum Nebelkrähe', kind: 'online_community', relation: 'extremist_milieu', strength: 2, valence: 'harmful' }
const cousin = { name: 'Cousin Rachid', kind: 'person', relation: 'family', strength: 2, valence: 'ambivalent' }

type TieOut = { id: string; name: string; valence: string; strength: number }

it('takes a snapshot, lists it, corrects it with If-Match, keeping tie ids; names and notes sealed', async () => {
  const id = await newCase()
  const created = await worker.post(`/api/accompaniments/${id}/network`, {
    takenOn: '2026-03-02',
    ties: [mother, forum],
    note: 'Premier schéma, dessiné avec lui au bureau',
  })
  expect(created.statusCode, created.body).toBe(201)
  expect(created.headers.etag).toBe('"1"')
  const s = json(created)
  expect(s).toMatchObject({
    takenOn: '2026-03-02',
    note: 'Premier schéma, dessiné avec lui au bureau',
    version: 1,
    createdBy: 'Test worker',
  })
  expect(s.ties).toHaveLength(2)
  expect(s.ties[0]).toMatchObject({ ...mother, id: expect.any(String) })
  expect(s.ties[1]).toMatchObject({ ...forum, note: null })
  expect(s.ties[0].id).not.toBe(s.ties[1].id)

  const edited = { takenOn: '2026-03-03', ties: [{ ...s.ties[0], strength: 2 }, s.ties[1], cousin], note: null }
  expect((await worker.put(`/api/accompaniments/${id}/network/${s.id}`, edited)).statusCode).toBe(428)
  const put = await worker.put(`/api/accompaniments/${id}/network/${s.id}`, edited, { 'if-match': '"1"' })
  expect(put.statusCode, put.body).toBe(200)
  expect(put.headers.etag).toBe('"2"')
  const v2 = json(put)
  expect(v2).toMatchObject({ takenOn: '2026-03-03', note: null, version: 2 })
  expect(v2.ties.map((x: TieOut) => x.id).slice(0, 2)).toEqual(s.ties.map((x: TieOut) => x.id))
  expect(v2.ties[0].strength).toBe(2)
  const stale = await worker.put(`/api/accompaniments/${id}/network/${s.id}`, edited, { 'if-match': '"1"' })
  expect(stale.statusCode).toBe(412)
  expect(json(stale).code).toBe('version.mismatch')

  const list = json(await worker.get(`/api/accompaniments/${id}/network`)).items
  expect(list).toHaveLength(1)
  expect(list[0].ties.map((x: TieOut) => x.name)).toEqual(['Maman', 'Forum Nebelkrähe', 'Cousin Rachid'])

  const raw = await t.services.db.selectFrom('network_snapshots').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow()
  expect(raw.version).toBe(2)
  expect(raw.ties_sealed).toMatch(/^v1\./)
  expect(JSON.stringify(raw)).not.toMatch(/Maman|Nebelkr|Rachid|dimanche|extremist/)

  const audit = (await auditRows(t.services)).filter(
    (r) => r.subject_id === s.id || (r.subject_id === id && r.action.startsWith('network.')),
  )
  expect(audit.map((r) => r.action)).toEqual(['network.snapshot_created', 'network.snapshot_updated', 'network.listed'])
  for (const r of audit) expect(r.person_id).toBeTruthy()
  expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ accompanimentId: id, ties: 2 })
  expect(JSON.stringify(audit)).not.toMatch(/Maman|Nebelkr|Rachid/)
})

it('lists snapshots newest first by the date they describe', async () => {
  const id = await newCase()
  for (const takenOn of ['2026-02-01', '2026-06-01', '2026-04-01'])
    expect((await worker.post(`/api/accompaniments/${id}/network`, { takenOn, ties: [mother] })).statusCode).toBe(201)
  const list = json(await worker.get(`/api/accompaniments/${id}/network`)).items
  expect(list.map((s: { takenOn: string }) => s.takenOn)).toEqual(['2026-06-01', '2026-04-01', '2026-02-01'])
})

it('compares two snapshots: ties gained and left by valence, changes, matched by id or by name and kind', async () => {
  const id = await newCase()
  const first = json(
    await worker.post(`/api/accompaniments/${id}/network`, {
      takenOn: '2026-01-10',
      ties: [mother, forum, cousin, { name: 'Club de Boxe', kind: 'group', relation: 'community', strength: 1, valence: 'supportive' }],
    }),
  )
  const [m, f, c] = first.ties as TieOut[]
  const second = json(
    await worker.post(`/api/accompaniments/${id}/network`, {
      takenOn: '2026-04-10',
      ties: [
        // Kept by id, stronger: better. The cousin turned supportive: better.
        { ...mother, id: m?.id },
        { ...cousin, id: c?.id, valence: 'supportive', strength: 1 },
        // Retyped without its id: the same group, matched by normalised name and kind, unchanged.
        { name: '  club de  boxe ', kind: 'group', relation: 'community', strength: 1, valence: 'supportive' },
        // Same name as the forum but another kind: a different tie, gained.
        { name: 'Forum Nebelkrähe', kind: 'group', relation: 'other', strength: 1, valence: 'ambivalent' },
        { name: 'Mission locale', kind: 'institution', relation: 'professional', strength: 2, valence: 'supportive' },
        { name: 'Samir', kind: 'person', relation: 'peer', strength: 1, valence: 'harmful' },
      ],
    }),
  )
  const res = await worker.get(`/api/accompaniments/${id}/network/compare?from=${first.id}&to=${second.id}`)
  expect(res.statusCode, res.body).toBe(200)
  const cmp = json(res)
  expect(cmp.from).toEqual({ id: first.id, takenOn: '2026-01-10' })
  expect(cmp.to).toEqual({ id: second.id, takenOn: '2026-04-10' })
  expect(cmp.gained.supportive.map((x: TieOut) => x.name)).toEqual(['Mission locale'])
  expect(cmp.gained.ambivalent.map((x: TieOut) => x.name)).toEqual(['Forum Nebelkrähe'])
  expect(cmp.gained.harmful.map((x: TieOut) => x.name)).toEqual(['Samir'])
  expect(cmp.left.harmful.map((x: TieOut) => x.id)).toEqual([f?.id])
  expect(cmp.left.supportive).toEqual([])
  expect(cmp.left.ambivalent).toEqual([])
  expect(cmp.changed).toEqual([
    {
      tie: expect.objectContaining({ id: c?.id, name: 'Cousin Rachid' }),
      before: { valence: 'ambivalent', strength: 2 },
      after: { valence: 'supportive', strength: 1 },
      direction: 'better',
    },
  ])
  expect(cmp.summary).toEqual({
    supportiveGained: 1,
    ambivalentGained: 1,
    harmfulGained: 1,
    supportiveLost: 0,
    ambivalentLeft: 0,
    harmfulLeft: 1,
    changedBetter: 1,
    changedWorse: 0,
    before: { supportive: 2, ambivalent: 1, harmful: 1 },
    after: { supportive: 4, ambivalent: 1, harmful: 1 },
  })

  // The reverse direction tells the reverse story, honestly.
  const back = json(await worker.get(`/api/accompaniments/${id}/network/compare?from=${second.id}&to=${first.id}`))
  expect(back.summary).toMatchObject({ supportiveLost: 1, harmfulGained: 1, harmfulLeft: 1, changedWorse: 1 })

  const audit = (await auditRows(t.services, 'network.compared')).filter((r) => r.subject_id === id)
  expect(audit).toHaveLength(2)
  expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ from: first.id, to: second.id })

  // A snapshot of another case is not found through this one.
  const elsewhere = await newCase()
  const foreign = json(await worker.post(`/api/accompaniments/${elsewhere}/network`, { takenOn: '2026-01-01', ties: [] }))
  expect((await worker.get(`/api/accompaniments/${id}/network/compare?from=${first.id}&to=${foreign.id}`)).statusCode).toBe(404)
  const put = await worker.put(
    `/api/accompaniments/${id}/network/${foreign.id}`,
    { takenOn: '2026-01-01', ties: [] },
    { 'if-match': '"1"' },
  )
  expect(put.statusCode).toBe(404)
})

it('names the invalid field: strength, kind, name length, duplicate tie ids, too many ties, dates', async () => {
  const id = await newCase()
  const post = (body: unknown) => worker.post(`/api/accompaniments/${id}/network`, body)
  const fieldsOf = async (body: unknown) => {
    const res = await post(body)
    expect(res.statusCode).toBe(400)
    return json(res).errors.map((e: { field: string }) => e.field)
  }
  expect(await fieldsOf({ takenOn: '2026-01-01', ties: [mother, mother, mother, { ...mother, strength: 4 }] })).toEqual(['ties.3.strength'])
  expect(await fieldsOf({ takenOn: '2026-01-01', ties: [{ ...forum, kind: 'gang' }] })).toEqual(['ties.0.kind'])
  expect(await fieldsOf({ takenOn: '2026-01-01', ties: [{ ...mother, name: 'x'.repeat(121) }] })).toEqual(['ties.0.name'])
  expect(await fieldsOf({ takenOn: '2026-01-01', ties: [{ ...mother, name: '   ' }] })).toEqual(['ties.0.name'])
  expect(await fieldsOf({ takenOn: '1 March', ties: [] })).toEqual(['takenOn'])
  const same = '6f1c2a52-8d1e-4a57-9a43-5c3f6a2b9e10'
  const dup = await post({
    takenOn: '2026-01-01',
    ties: [
      { ...mother, id: same },
      { ...forum, id: same },
    ],
  })
  expect(json(dup).errors).toEqual([expect.objectContaining({ field: 'ties.1.id', code: 'duplicate' })])
  expect(await fieldsOf({ takenOn: '2026-01-01', ties: Array.from({ length: 201 }, () => mother) })).toEqual(['ties'])
  expect((await post({ takenOn: '2026-01-01', ties: Array.from({ length: 200 }, () => mother) })).statusCode).toBe(201)
  // Nothing half-written: only the valid snapshot exists.
  expect(json(await worker.get(`/api/accompaniments/${id}/network`)).items).toHaveLength(1)
})

it('has the visibility of the case: others 404, the lead reads and writes, a break-the-glass grant only reads', async () => {
  const id = await newCase()
  const s = json(await worker.post(`/api/accompaniments/${id}/network`, { takenOn: '2026-05-01', ties: [mother] }))
  const body = { takenOn: '2026-05-02', ties: [forum] }
  const compare = `/api/accompaniments/${id}/network/compare?from=${s.id}&to=${s.id}`
  expect((await outsider.get(`/api/accompaniments/${id}/network`)).statusCode).toBe(404)
  expect((await outsider.get(compare)).statusCode).toBe(404)
  expect((await outsider.post(`/api/accompaniments/${id}/network`, body)).statusCode).toBe(404)
  expect((await outsider.put(`/api/accompaniments/${id}/network/${s.id}`, body, { 'if-match': '"1"' })).statusCode).toBe(404)
  const denied = (await auditRows(t.services, 'access.denied')).filter((r) => r.actor_id === outsider.userId)
  expect(denied.length).toBeGreaterThanOrEqual(4)
  expect(denied.every((r) => r.outcome === 'not_found')).toBe(true)

  expect(json(await lead.get(`/api/accompaniments/${id}/network`)).items).toHaveLength(1)
  expect((await lead.post(`/api/accompaniments/${id}/network`, body)).statusCode).toBe(201)

  expect((await intruder.post(`/api/accompaniments/${id}/break-glass`, { reason: 'Appel urgent hors heures de bureau' })).statusCode).toBe(
    200,
  )
  expect(json(await intruder.get(`/api/accompaniments/${id}/network`)).items).toHaveLength(2)
  expect((await intruder.get(compare)).statusCode).toBe(200)
  expect((await intruder.post(`/api/accompaniments/${id}/network`, body)).statusCode).toBe(403)
  expect((await intruder.put(`/api/accompaniments/${id}/network/${s.id}`, body, { 'if-match': '"1"' })).statusCode).toBe(403)
  const after = json(await worker.get(`/api/accompaniments/${id}/network`)).items
  expect(after).toHaveLength(2)
  expect(after.find((x: { id: string }) => x.id === s.id)).toMatchObject({ version: 1, takenOn: '2026-05-01' })
})

it('keeps the network of a closed case as it was, and asks for both snapshots to compare', async () => {
  const id = await newCase()
  const s = json(await worker.post(`/api/accompaniments/${id}/network`, { takenOn: '2026-05-01', ties: [mother] }))
  const missing = await worker.get(`/api/accompaniments/${id}/network/compare?from=${s.id}`)
  expect(missing.statusCode).toBe(400)
  expect(json(missing).errors.map((e: { field: string }) => e.field)).toEqual(['query.to'])

  const version = (n: number) => ({ 'if-match': `"${n}"` })
  const current = json(await worker.get(`/api/accompaniments/${id}`)).version
  expect(
    (await worker.post(`/api/accompaniments/${id}/closure`, { outcome: 'goals_reached', reason: 'Réseau stable' }, version(current)))
      .statusCode,
  ).toBe(200)
  expect((await lead.post(`/api/accompaniments/${id}/closure/decision`, { approve: true }, version(current + 1))).statusCode).toBe(200)
  const late = await worker.post(`/api/accompaniments/${id}/network`, { takenOn: '2026-06-01', ties: [] })
  expect(late.statusCode).toBe(409)
  expect(json(late).code).toBe('state.invalid_transition')
  expect((await worker.put(`/api/accompaniments/${id}/network/${s.id}`, { takenOn: '2026-05-01', ties: [] }, version(1))).statusCode).toBe(
    409,
  )
  expect(json(await worker.get(`/api/accompaniments/${id}/network`)).items).toEqual([expect.objectContaining({ id: s.id, version: 1 })])
})
