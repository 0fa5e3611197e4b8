import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ACCOMPANIMENT_KINDS } from '../../../common/contracts/accompaniments.contracts'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { installBuiltInInstruments } from './instruments.commands'

let t: TestApp
let team: string
let admin: Agent & { userId: string }
let worker: Agent & { userId: string }
let colleague: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  admin = await t.as(['admin'])
  worker = await t.as(['worker'], { teamIds: [team] })
  colleague = await t.as(['lead'], { teamIds: [team] })
})
afterAll(() => t.close())

type Listed = { code: string; clientKinds: string[]; version: number; purpose: string }
const listed = async (code: string): Promise<Listed> =>
  json(await worker.get('/api/instruments')).items.find((i: Listed) => i.code === code)

type AccompanimentKind = (typeof ACCOMPANIMENT_KINDS)[number]
const RELATIONSHIP: Record<AccompanimentKind, string | undefined> = {
  concerned: undefined,
  relative: 'parent',
  professional: 'health_professional',
}

async function caseOf(kind: AccompanimentKind): Promise<string> {
  const person = json(await worker.post('/api/persons', { firstName: 'Inès', lastName: 'Kinds' }))
  const res = await worker.post('/api/accompaniments', {
    kind,
    personId: person.id,
    teamId: team,
    ...(RELATIONSHIP[kind] ? { relationship: RELATIONSHIP[kind], concernedStatus: 'unknown' } : {}),
  })
  expect(res.statusCode, res.body).toBe(201)
  return json(res).id
}

const assess = (caseId: string, instrument: string, answers: Record<string, unknown> = {}, as: Agent = worker) =>
  as.post(`/api/accompaniments/${caseId}/assessments`, { instrument, takenOn: '2026-11-20', answers })

describe('instruments by client kind', () => {
  it('built-ins come with their defaults: the desistance ones for the person concerned, the relative review for relatives', async () => {
    const kinds = Object.fromEntries(json(await worker.get('/api/instruments')).items.map((i: Listed) => [i.code, i.clientKinds]))
    expect(kinds).toMatchObject({
      motivations: ['concerned'],
      'protective-factors': ['concerned'],
      capitals: ['concerned'],
      'progress-review': ['concerned'],
      'violence-impact': ['concerned'],
      'relative-review': ['relative'],
      'triage-grid': [],
    })
    const review = json(await worker.get('/api/instruments/relative-review/versions/1')).definition
    const items = review.sections.flatMap((s: { items: { key: string; type: string }[] }) => s.items)
    expect(items.map((i: { key: string }) => i.key)).toEqual([
      'worry',
      'isolation',
      'family_tension',
      'information_need',
      'support_network',
    ])
    for (const i of items) expect(i.type).toBe('scale')
  })

  it('a relative case records the relative review and is refused motivations, naming the field', async () => {
    const relativeCase = await caseOf('relative')
    const refused = await assess(relativeCase, 'motivations', { belonging: { worker: 3 } })
    expect(refused.statusCode).toBe(400)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(json(refused).errors).toEqual([expect.objectContaining({ field: 'instrument', code: 'not_for_client_kind' })])
    expect(json(await worker.get(`/api/accompaniments/${relativeCase}/assessments`)).items).toEqual([])

    const made = await assess(relativeCase, 'relative-review', { worry: { worker: 8, person: 9, comment: 'Dort mal' } })
    expect(made.statusCode, made.body).toBe(201)
    expect(json(made)).toMatchObject({ instrument: 'relative-review', answers: { worry: { worker: 8, person: 9 } } })

    const concernedCase = await caseOf('concerned')
    expect((await assess(concernedCase, 'motivations')).statusCode).toBe(201)
    const wrong = await assess(concernedCase, 'relative-review')
    expect(json(wrong).errors).toEqual([expect.objectContaining({ field: 'instrument', code: 'not_for_client_kind' })])
    // No built-in is offered to a professional's case until an admin says so.
    for (const code of ['motivations', 'progress-review', 'relative-review'])
      expect((await assess(await caseOf('professional'), code)).statusCode, code).toBe(400)
  })

  it('an admin changes the kinds with If-Match; a stale version is 412, a worker 403; the change is audited and survives a restart', async () => {
    const before = await listed('protective-factors')
    const url = '/api/instruments/protective-factors/client-kinds'
    const body = { clientKinds: ['professional', 'concerned'] }
    expect((await worker.put(url, body, { 'if-match': `"${before.version}"` })).statusCode).toBe(403)
    expect((await admin.put(url, body)).statusCode).toBe(428)

    const changed = await admin.put(url, body, { 'if-match': `"${before.version}"` })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.headers.etag).toBe(`"${before.version + 1}"`)
    // Kept in the kinds' own order, whatever order they were sent in.
    expect(json(changed)).toMatchObject({
      code: 'protective-factors',
      clientKinds: ['concerned', 'professional'],
      version: before.version + 1,
    })

    const stale = await admin.put(url, { clientKinds: ['relative'] }, { 'if-match': `"${before.version}"` })
    expect(stale.statusCode).toBe(412)
    expect((await listed('protective-factors')).clientKinds).toEqual(['concerned', 'professional'])

    const bad = await admin.put(url, { clientKinds: ['concerned', 'neighbour'] }, { 'if-match': `"${before.version + 1}"` })
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors[0].field).toMatch(/^clientKinds/)
    const twice = await admin.put(url, { clientKinds: ['concerned', 'concerned'] }, { 'if-match': `"${before.version + 1}"` })
    expect(json(twice).errors[0]).toMatchObject({ field: 'clientKinds' })
    expect((await admin.put('/api/instruments/no-such/client-kinds', body, { 'if-match': '"1"' })).statusCode).toBe(404)

    const [entry] = (await auditRows(t.services, 'instrument.client_kinds_changed')).filter((r) => r.subject_id === 'protective-factors')
    expect(entry).toMatchObject({ actor_id: admin.userId, subject_type: 'instrument', outcome: 'success' })
    expect(JSON.parse(entry!.details ?? '{}')).toMatchObject({ before: ['concerned'], after: ['concerned', 'professional'] })

    // A restart installs the built-ins again without resetting the admin's choice.
    await installBuiltInInstruments(t.services.db)
    expect((await listed('protective-factors')).clientKinds).toEqual(['concerned', 'professional'])
    // The professional's case now offers it; the relative's still does not.
    expect((await assess(await caseOf('professional'), 'protective-factors', {}, colleague)).statusCode).toBe(201)
    expect((await assess(await caseOf('relative'), 'protective-factors')).statusCode).toBe(400)
  })

  it('a built-in installed before kinds existed gets its default once, and an instrument can be created for chosen kinds', async () => {
    await t.services.db.updateTable('instruments').set({ client_kinds: null }).where('id', '=', 'capitals').execute()
    await installBuiltInInstruments(t.services.db)
    expect((await listed('capitals')).clientKinds).toEqual(['concerned'])

    const L = (x: string) => ({ fr: x, nl: x, de: x, en: x })
    const definition = {
      title: L('Écoute'),
      sections: [{ key: 's', title: L('S'), items: [{ key: 'i', type: 'scale', label: L('I'), perspectives: ['worker'] }] }],
    }
    const created = await admin.post('/api/instruments', { code: 'listening', definition, clientKinds: ['relative'] })
    expect(created.statusCode, created.body).toBe(201)
    expect(await listed('listening')).toMatchObject({ clientKinds: ['relative'], version: 1 })
    const everyKind = await admin.post('/api/instruments', { code: 'listening-all', definition })
    expect(everyKind.statusCode).toBe(201)
    expect((await listed('listening-all')).clientKinds).toEqual(['concerned', 'relative', 'professional'])
  })
})

describe('who changed an answer set last', () => {
  it('is the author until a colleague edits it, with the time', async () => {
    const caseId = await caseOf('concerned')
    await worker.post(`/api/accompaniments/${caseId}/assign`, { primaryWorkerId: worker.userId }, { 'if-match': '"1"' })
    const made = json(await assess(caseId, 'motivations', { belonging: { worker: 4 } }))
    expect(made).toMatchObject({ updatedBy: worker.userId, updatedByName: made.createdByName, updatedAt: made.createdAt })
    const edited = await colleague.put(
      `/api/accompaniments/${caseId}/assessments/${made.id}`,
      { takenOn: made.takenOn, answers: { belonging: { worker: 5 } } },
      { 'if-match': '"1"' },
    )
    expect(edited.statusCode, edited.body).toBe(200)
    const read = json(await worker.get(`/api/accompaniments/${caseId}/assessments/${made.id}`))
    expect(read).toMatchObject({ createdBy: worker.userId, updatedBy: colleague.userId, version: 2 })
    expect(read.updatedByName).not.toBe(read.createdByName)
    expect(read.updatedAt >= made.updatedAt).toBe(true)
    const [summary] = json(await worker.get(`/api/accompaniments/${caseId}/assessments`)).items
    expect(summary).toMatchObject({ updatedBy: colleague.userId, updatedByName: read.updatedByName })
  })
})
