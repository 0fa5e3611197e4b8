import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let coWorker: Agent & { userId: string }
let lead: Agent & { userId: string }
let outsider: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  coWorker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

async function newCase() {
  const person = json(await worker.post('/api/persons', { firstName: 'Ilyas', lastName: 'Verstraeten' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const assigned = await lead.post(`/api/accompaniments/${acc.id}/assign`, {
    primaryWorkerId: worker.userId,
    coWorkerIds: [coWorker.userId],
  })
  expect(assigned.statusCode, assigned.body).toBe(200)
  return { id: acc.id as string, personId: person.id as string }
}

const FIRST = {
  goals: [
    {
      domain: 'schooling',
      title: 'Reprendre une formation en électricité',
      why: 'Il veut un métier concret.',
      steps: [
        { title: "S'inscrire à l'IFAPME", who: 'person', due: '2026-12-15' },
        { title: 'Contacter le CPAS pour le financement', who: 'partner', partner: 'CPAS de Schaerbeek', status: 'in_progress' },
      ],
    },
    { domain: 'family', title: 'Renouer avec sa sœur', steps: [{ title: 'Préparer un premier appel', who: 'worker', status: 'done' }] },
  ],
  agreement: { status: 'partly', on: '2026-11-20', words: "D'accord pour la formation, pas encore pour ma sœur." },
}

it('starts empty at version 0, saves versions with stable ids, and keeps the history readable', async () => {
  const c = await newCase()
  const empty = await worker.get(`/api/accompaniments/${c.id}/plan`)
  expect(empty.statusCode).toBe(200)
  expect(empty.headers.etag).toBe('"0"')
  expect(json(empty)).toMatchObject({ version: 0, goals: [], agreement: { status: 'not_yet', on: null, words: null }, savedBy: null })

  const first = await worker.put(`/api/accompaniments/${c.id}/plan`, FIRST, { 'if-match': '"0"' })
  expect(first.statusCode, first.body).toBe(200)
  expect(first.headers.etag).toBe('"1"')
  const v1 = json(first)
  expect(v1).toMatchObject({ version: 1, agreement: FIRST.agreement, savedBy: 'Test worker' })
  expect(v1.goals).toHaveLength(2)
  expect(v1.goals[0].steps[1]).toMatchObject({ who: 'partner', partner: 'CPAS de Schaerbeek', status: 'in_progress', due: null })
  expect(v1.goals[0].steps[0]).toMatchObject({ status: 'not_started', partner: null, due: '2026-12-15' })
  const goalId = v1.goals[0].id as string

  // The co-worker edits from version 1: a step done, a goal removed, a new goal added.
  const second = {
    goals: [
      {
        ...v1.goals[0],
        steps: [{ ...v1.goals[0].steps[0], status: 'done' }, v1.goals[0].steps[1]],
      },
      { domain: 'housing', title: 'Trouver un logement à Bruxelles', steps: [] },
    ],
    agreement: { status: 'agreed', on: '2026-11-27', words: 'Oui, on fait comme ça.' },
  }
  const saved = await coWorker.put(`/api/accompaniments/${c.id}/plan`, second, { 'if-match': '"1"' })
  expect(saved.statusCode, saved.body).toBe(200)
  const v2 = json(saved)
  expect(v2.version).toBe(2)
  expect(v2.goals[0].id).toBe(goalId)
  expect(v2.goals[0].steps.map((s: { id: string }) => s.id)).toEqual(v1.goals[0].steps.map((s: { id: string }) => s.id))
  expect(v2.goals[1].id).not.toBe(v1.goals[1].id)

  // The first worker still holds version 1: their save is refused, nothing is overwritten.
  const stale = await worker.put(`/api/accompaniments/${c.id}/plan`, FIRST, { 'if-match': '"1"' })
  expect(stale.statusCode).toBe(412)
  expect(json(stale).code).toBe('version.mismatch')
  expect((await worker.put(`/api/accompaniments/${c.id}/plan`, FIRST)).statusCode).toBe(428)
  expect(json(await worker.get(`/api/accompaniments/${c.id}/plan`)).version).toBe(2)

  const history = json(await worker.get(`/api/accompaniments/${c.id}/plan/versions`)).items
  expect(history).toEqual([
    expect.objectContaining({ version: 2, goals: 2, steps: 2, done: 1, agreement: 'agreed', savedBy: 'Test worker' }),
    expect.objectContaining({ version: 1, goals: 2, steps: 3, done: 1, agreement: 'partly' }),
  ])
  const old = json(await worker.get(`/api/accompaniments/${c.id}/plan/versions/1`))
  expect(old).toMatchObject({ version: 1, agreement: FIRST.agreement })
  expect(old.goals[1].title).toBe('Renouer avec sa sœur')
  expect((await worker.get(`/api/accompaniments/${c.id}/plan/versions/3`)).statusCode).toBe(404)

  const saves = (await auditRows(t.services, 'plan.saved')).filter((r) => JSON.parse(r.details ?? '{}').accompanimentId === c.id)
  expect(saves.map((r) => [r.actor_id, r.person_id, JSON.parse(r.details ?? '{}').version])).toEqual([
    [worker.userId, c.personId, 1],
    [coWorker.userId, c.personId, 2],
  ])
  expect(JSON.stringify(saves)).not.toContain('sœur')
  const viewed = (await auditRows(t.services, 'plan.version_viewed')).filter((r) => r.subject_id === c.id)
  expect(viewed).toHaveLength(1)
})

it('refuses a second save on the same version even when both started from it', async () => {
  const c = await newCase()
  const body = { goals: [{ domain: 'leisure', title: 'Club de boxe', steps: [] }] }
  const [a, b] = await Promise.all([
    worker.put(`/api/accompaniments/${c.id}/plan`, body, { 'if-match': '"0"' }),
    coWorker.put(`/api/accompaniments/${c.id}/plan`, body, { 'if-match': '"0"' }),
  ])
  expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412])
  expect(json(await worker.get(`/api/accompaniments/${c.id}/plan/versions`)).items).toHaveLength(1)
})

it('names the invalid field: partner missing, duplicate or unknown ids, limits', async () => {
  const c = await newCase()
  const put = (body: unknown) => worker.put(`/api/accompaniments/${c.id}/plan`, body, { 'if-match': '"0"' })
  const step = { title: 'Rendez-vous', who: 'person' }
  const noPartner = await put({
    goals: [
      { domain: 'health', title: 'Sommeil', steps: [] },
      { domain: 'employment', title: 'Job', steps: [step, { title: 'Bilan', who: 'partner' }] },
    ],
  })
  expect(noPartner.statusCode).toBe(400)
  expect(json(noPartner).errors).toEqual([expect.objectContaining({ field: 'goals.1.steps.1.partner', code: 'required_for_partner' })])

  const id = '7b1f9a52-3c2d-4e8f-9a6b-1c2d3e4f5a6b'
  const dup = await put({
    goals: [
      { id, domain: 'health', title: 'A', steps: [] },
      { id, domain: 'health', title: 'B', steps: [] },
    ],
  })
  expect(json(dup).errors[0]).toMatchObject({ field: 'goals.1.id', code: 'duplicate_id' })
  const unknown = await put({ goals: [{ domain: 'health', title: 'A', steps: [{ ...step, id }] }] })
  expect(unknown.statusCode).toBe(400)
  expect(json(unknown).errors[0]).toMatchObject({ field: 'goals.0.steps.0.id', code: 'unknown_id' })

  expect(json(await put({ goals: [{ domain: 'moon', title: 'A', steps: [] }] })).errors[0].field).toBe('goals.0.domain')
  expect(json(await put({ goals: [{ domain: 'health', title: 'x'.repeat(301), steps: [] }] })).errors[0].field).toBe('goals.0.title')
  const many = Array.from({ length: 41 }, () => ({ domain: 'health', title: 'A', steps: [] }))
  expect(json(await put({ goals: many })).errors[0].field).toBe('goals')
  expect(json(await put({ goals: [], agreement: { status: 'agreed', on: '2026-02-30' } })).errors[0].field).toBe('agreement.on')
  // Nothing was written by any refused request.
  expect(json(await worker.get(`/api/accompaniments/${c.id}/plan`)).version).toBe(0)
})

it('keeps the plan inside the case: others get 404, a break-the-glass grant reads but does not write', async () => {
  const c = await newCase()
  expect((await worker.put(`/api/accompaniments/${c.id}/plan`, FIRST, { 'if-match': '"0"' })).statusCode).toBe(200)
  for (const url of ['/plan', '/plan/versions', '/plan/versions/1'])
    expect((await outsider.get(`/api/accompaniments/${c.id}${url}`)).statusCode, url).toBe(404)
  expect((await outsider.put(`/api/accompaniments/${c.id}/plan`, FIRST, { 'if-match': '"1"' })).statusCode).toBe(404)

  const glass = await t.as(['worker'], { teamIds: [await t.team()] })
  expect(
    (await glass.post(`/api/accompaniments/${c.id}/break-glass`, { reason: 'Appel urgent de la famille, le référent est absent' }))
      .statusCode,
  ).toBe(200)
  expect(json(await glass.get(`/api/accompaniments/${c.id}/plan`)).goals).toHaveLength(2)
  expect((await glass.put(`/api/accompaniments/${c.id}/plan`, FIRST, { 'if-match': '"1"' })).statusCode).toBe(403)
  expect(json(await worker.get(`/api/accompaniments/${c.id}/plan`)).version).toBe(1)
})

it('stores the plan sealed: no goal, partner or words in the row', async () => {
  const c = await newCase()
  expect((await worker.put(`/api/accompaniments/${c.id}/plan`, FIRST, { 'if-match': '"0"' })).statusCode).toBe(200)
  const raw = await t.services.db.selectFrom('plan_versions').selectAll().where('accompaniment_id', '=', c.id).executeTakeFirstOrThrow()
  expect(raw.content_sealed).toMatch(/^v1\./)
  for (const secret of ['électricité', 'Schaerbeek', 'sœur', 'formation']) expect(JSON.stringify(raw)).not.toContain(secret)
})
