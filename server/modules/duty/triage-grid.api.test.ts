import { afterAll, beforeAll, expect, it } from 'vitest'
import { TRIAGE_CODE, triageOutcome } from '../../../common/triage'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let admin: Agent & { userId: string }
let worker: Agent & { userId: string }
let team: string

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
})
afterAll(() => t.close())

it('installs the triage grid as a built-in instrument answered for contacts, in four languages', async () => {
  const grid = json(await worker.get('/api/instruments')).items.find((i: { code: string }) => i.code === TRIAGE_CODE)
  expect(grid).toMatchObject({ builtIn: true, purpose: 'contact' })
  expect(grid.latest.definition.title).toMatchObject({
    fr: 'Grille de triage',
    nl: 'Triagerooster',
    de: 'Triage-Raster',
    en: 'Triage grid',
  })
  // Every other built-in stays a case instrument.
  const others = json(await worker.get('/api/instruments')).items.filter((i: { code: string }) => i.code !== TRIAGE_CODE)
  expect(others.every((i: { purpose: string }) => i.purpose === 'case')).toBe(true)
})

it('is not answered on a case', async () => {
  const person = json(await worker.post('/api/persons', { firstName: 'Triage', lastName: 'Case' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const res = await worker.post(`/api/accompaniments/${acc.id}/assessments`, {
    instrument: TRIAGE_CODE,
    takenOn: '2026-12-01',
    answers: { urgency: { worker: 'within_48h' } },
  })
  expect(res.statusCode).toBe(400)
  expect(json(res).errors[0]).toMatchObject({ field: 'instrument', code: 'not_for_cases' })
})

it('is revised by an admin through the instrument management; a contact instrument can be made too', async () => {
  const grid = json(await admin.get(`/api/instruments/${TRIAGE_CODE}/versions/1`))
  const definition = structuredClone(grid.definition)
  definition.sections[1].items.pop()
  const revised = await admin.post(`/api/instruments/${TRIAGE_CODE}/versions`, { definition })
  expect(revised.statusCode, revised.body).toBe(201)
  expect(json(revised).version).toBe(2)
  const list = json(await worker.get('/api/instruments')).items
  expect(list.find((i: { code: string }) => i.code === TRIAGE_CODE)).toMatchObject({ purpose: 'contact', latest: { version: 2 } })
  // The outcome still reads a revised grid's answers: a dropped dimension just is not counted.
  expect(triageOutcome({ urgency: { worker: 'within_week' }, mental_health_crisis: { worker: 'high' } }).urgency).toBe('within_48h')

  const made = await admin.post('/api/instruments', { code: 'callback-check', definition, purpose: 'contact' })
  expect(made.statusCode).toBe(201)
  expect(json(await worker.get('/api/instruments')).items.find((i: { code: string }) => i.code === 'callback-check').purpose).toBe(
    'contact',
  )
})

it('answers the outcome of a filled grid for the line, naming a wrong answer’s field, storing nothing', async () => {
  const intake = await t.as(['intake'])
  const res = await intake.post('/api/duty/triage', {
    answers: { urgency: { worker: 'within_week' }, violence_intent: { worker: 'high' }, access_means: { worker: 'moderate' } },
  })
  expect(res.statusCode, res.body).toBe(200)
  expect(json(res)).toMatchObject({
    urgency: 'immediate',
    stated: 'within_week',
    immediateDanger: true,
    reasons: ['urgency_stated', 'intent_with_means', 'serious_dimension'],
    version: expect.any(Number),
  })
  const bad = await intake.post('/api/duty/triage', { answers: { urgency: { worker: 'tomorrow' }, isolation: { person: 'high' } } })
  expect(bad.statusCode).toBe(400)
  expect(
    json(bad)
      .errors.map((e: { field: string }) => e.field)
      .sort(),
  ).toEqual(['answers.isolation.person', 'answers.urgency.worker'])
  expect((await admin.post('/api/duty/triage', { answers: {} })).statusCode).toBe(403)
})
