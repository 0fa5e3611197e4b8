import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
})
afterAll(() => t.close())

it('changes the framework of a case with If-Match: a voluntary case becomes judicial, the timeline says so, sealed text stays sealed', async () => {
  const person = json(await worker.post('/api/persons', { firstName: 'Inès', lastName: 'Details' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team, summary: 'Début' }))
  const body = {
    summary: 'Condamnation avec sursis probatoire',
    framework: {
      framework: 'judicial',
      measure: 'probation_condition',
      authorityKind: 'justice_house',
      authority: 'Maison de justice de Mons, Mme Lambert',
      conditions: 'Suivre un accompagnement, ne pas fréquenter le groupe',
      reporting: 'Rapport tous les trois mois',
      mandateStart: '2026-11-01',
      mandateEnd: '2028-11-01',
      reportEveryMonths: 3,
    },
  }
  expect((await worker.put(`/api/accompaniments/${acc.id}`, body)).statusCode).toBe(428)
  const changed = await worker.put(`/api/accompaniments/${acc.id}`, body, { 'if-match': `"${acc.version}"` })
  expect(changed.statusCode).toBe(200)
  expect(changed.headers.etag).toBe(`"${acc.version + 1}"`)
  expect(json(changed)).toMatchObject({
    framework: 'judicial',
    summary: 'Condamnation avec sursis probatoire',
    judicial: { measure: 'probation_condition', authority: 'Maison de justice de Mons, Mme Lambert', reportEveryMonths: 3 },
  })
  // A second edit based on the old version is refused, and nothing is overwritten.
  const stale = await worker.put(`/api/accompaniments/${acc.id}`, { ...body, summary: 'Écrasé' }, { 'if-match': `"${acc.version}"` })
  expect(stale.statusCode).toBe(412)
  expect(json(await worker.get(`/api/accompaniments/${acc.id}`)).summary).toBe('Condamnation avec sursis probatoire')

  const timeline = json(await worker.get(`/api/accompaniments/${acc.id}/timeline`))
  expect(timeline.items.map((e: { type: string }) => e.type)).toContain('details_changed')
  const raw = await t.services.db.selectFrom('accompaniments').selectAll().where('id', '=', acc.id).executeTakeFirstOrThrow()
  expect(JSON.stringify(raw)).not.toContain('Lambert')
  const [entry] = await auditRows(t.services, 'accompaniment.updated')
  expect(entry).toMatchObject({ subject_id: acc.id })
  expect(JSON.stringify(entry)).not.toContain('Lambert')

  // A judicial measure is required for a judicial framework; the error names the field.
  const bad = await worker.put(
    `/api/accompaniments/${acc.id}`,
    { summary: null, framework: { framework: 'judicial' } },
    { 'if-match': '"9"' },
  )
  expect(bad.statusCode).toBe(400)
  expect(json(bad).errors[0].field).toContain('framework.measure')
})
