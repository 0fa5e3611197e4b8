import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InstrumentDefinition } from '../../../common/contracts/instruments.contracts'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { BUILT_IN_INSTRUMENTS } from './builtin'
import { installBuiltInInstruments } from './instruments.commands'

let t: TestApp
let admin: Agent & { userId: string }
let worker: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  worker = await t.as(['worker'])
})
afterAll(() => t.close())

const L = (text: string) => ({ fr: `${text} (fr)`, nl: `${text} (nl)`, de: `${text} (de)`, en: `${text} (en)` })

function definition(extra: Record<string, unknown> = {}) {
  return {
    title: L('Check-in'),
    sections: [
      {
        key: 'main',
        title: L('Main'),
        items: [
          { key: 'mood', type: 'scale', label: L('Mood'), perspectives: ['worker', 'person'], comment: true, ...extra },
          { key: 'when', type: 'date', label: L('Next meeting'), perspectives: ['worker'] },
        ],
      },
    ],
  }
}

describe('built-in instruments', () => {
  it('are all valid definitions in four languages, and every database has them', async () => {
    for (const b of BUILT_IN_INSTRUMENTS) expect(InstrumentDefinition.safeParse(b.definition).success, b.code).toBe(true)
    const list = json(await worker.get('/api/instruments')).items
    expect(list.map((i: { code: string }) => i.code).slice(0, 5)).toEqual([
      'motivations',
      'protective-factors',
      'capitals',
      'progress-review',
      'violence-impact',
    ])
    const review = list.find((i: { code: string }) => i.code === 'progress-review')
    expect(review).toMatchObject({ builtIn: true, latest: { version: 1, createdByName: null } })
    // The overview charts rely on a domain on every review item.
    const items = review.latest.definition.sections.flatMap((s: { items: unknown[] }) => s.items)
    expect(items).toHaveLength(10)
    for (const item of items) expect(item).toMatchObject({ type: 'scale', perspectives: ['worker', 'person'], comment: true })
    expect(new Set(items.map((i: { domain: string }) => i.domain)).size).toBe(10)
    const motivations = list.find((i: { code: string }) => i.code === 'motivations').latest.definition
    expect(motivations.title).toEqual({ fr: 'Motivations', nl: 'Motivaties', de: 'Beweggründe', en: 'Motivations' })
  })

  it('are installed once: a restart adds no version, an admin revision is not overwritten', async () => {
    const before = await t.services.db.selectFrom('instrument_versions').select(['id']).execute()
    expect(await installBuiltInInstruments(t.services.db)).toBe(0)
    const revised = { ...definition(), title: L('Motivations revised') }
    expect((await admin.post('/api/instruments/motivations/versions', { definition: revised })).statusCode).toBe(201)
    expect(await installBuiltInInstruments(t.services.db)).toBe(0)
    const after = await t.services.db.selectFrom('instrument_versions').select(['id']).execute()
    expect(after).toHaveLength(before.length + 1)
    const latest = json(await worker.get('/api/instruments')).items.find((i: { code: string }) => i.code === 'motivations').latest
    expect(latest).toMatchObject({ version: 2, definition: { title: { en: 'Motivations revised (en)' } } })
  })
})

describe('admins manage instruments as data', () => {
  it('creates an instrument, then a new version; every version stays readable', async () => {
    const created = await admin.post('/api/instruments', { code: 'check-in', definition: definition() })
    expect(created.statusCode, created.body).toBe(201)
    expect(json(created)).toMatchObject({ instrument: 'check-in', version: 1, builtIn: false, createdByName: 'Test admin' })
    const second = await admin.post('/api/instruments/check-in/versions', { definition: definition({ min: 0, max: 5 }) })
    expect(json(second)).toMatchObject({ version: 2 })
    expect(json(await worker.get('/api/instruments/check-in/versions/1')).definition.sections[0].items[0]).not.toHaveProperty('max')
    expect(json(await worker.get('/api/instruments/check-in/versions/2')).definition.sections[0].items[0]).toMatchObject({ min: 0, max: 5 })
    expect((await worker.get('/api/instruments/check-in/versions/3')).statusCode).toBe(404)
    const listed = json(await admin.get('/api/instruments')).items.find((i: { code: string }) => i.code === 'check-in')
    expect(listed.versions.map((v: { version: number }) => v.version)).toEqual([2, 1])

    const taken = await admin.post('/api/instruments', { code: 'check-in', definition: definition() })
    expect(json(taken).errors[0]).toMatchObject({ field: 'code', code: 'taken' })
    expect((await admin.post('/api/instruments/no-such/versions', { definition: definition() })).statusCode).toBe(404)

    const audit = (await auditRows(t.services)).filter((r) => r.subject_type === 'instrument' && r.subject_id === 'check-in')
    expect(audit.map((r) => [r.action, r.actor_id, JSON.parse(r.details ?? '{}').version])).toEqual([
      ['instrument.created', admin.userId, 1],
      ['instrument.version_created', admin.userId, 2],
    ])
  })

  it('rejects invalid definitions, naming the path of each problem', async () => {
    const errorsFor = async (def: unknown) => {
      const res = await admin.post('/api/instruments/check-in/versions', { definition: def })
      expect(res.statusCode).toBe(400)
      return json(res).errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)
    }
    const optionsOnScale = definition({
      options: [
        { key: 'a', label: L('A') },
        { key: 'b', label: L('B') },
      ],
    })
    expect(await errorsFor(optionsOnScale)).toEqual(['definition.sections.0.items.0.options options_only_for_choice'])
    expect(await errorsFor(definition({ type: 'choice' }))).toEqual(['definition.sections.0.items.0.options options_required'])
    expect(await errorsFor(definition({ min: 5, max: 5 }))).toEqual(['definition.sections.0.items.0.max max_not_above_min'])
    expect(await errorsFor(definition({ key: 'when' }))).toEqual(['definition.sections.0.items.1.key duplicate_key'])
    expect(await errorsFor(definition({ max: 11 }))).toEqual(['definition.sections.0.items.0.max too_big'])
    const missingDutch = definition()
    missingDutch.title = { ...L('x'), nl: '' }
    expect(await errorsFor(missingDutch)).toEqual(['definition.title.nl too_small'])
    expect(await errorsFor({ ...definition(), sections: [] })).toEqual(['definition.sections too_small'])
    // Nothing was written by the refused attempts.
    const versions = await t.services.db.selectFrom('instrument_versions').select('id').where('instrument_id', '=', 'check-in').execute()
    expect(versions).toHaveLength(2)
  })

  it('is for admins only; workers read definitions', async () => {
    expect((await worker.post('/api/instruments', { code: 'mine', definition: definition() })).statusCode).toBe(403)
    expect((await worker.get('/api/instruments/motivations/versions/1')).statusCode).toBe(200)
  })
})
