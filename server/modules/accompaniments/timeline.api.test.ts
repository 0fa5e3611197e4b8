import { afterAll, beforeAll, expect, it } from 'vitest'
import { TIMELINE_KINDS } from '../../../common/timeline'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let colleague: Agent & { userId: string }
let caseId: string

const v = (n: number) => ({ 'if-match': `"${n}"` })
const [TASK_TITLE, RELATIVE_NAME, FILENAME, RECIPIENT, GOAL] = [
  'Appeler la sœur de Karim',
  'Samira Mansouri',
  'attestation-secrete.pdf',
  'Maison de justice de Namur',
  'Trouver un logement',
] as const
const SECRETS = [TASK_TITLE, RELATIVE_NAME, FILENAME, RECIPIENT, GOAL]

async function ok(res: { statusCode: number; body: string }, status = [200, 201]) {
  expect(status, res.body).toContain(res.statusCode)
  return JSON.parse(res.body)
}

/** A judicial case with one of everything: every kind of event on its history. */
beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  colleague = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  const person = json(await worker.post('/api/persons', { firstName: 'Karim', lastName: 'Haddouchi' }))
  const c = json(
    await worker.post('/api/accompaniments', {
      kind: 'concerned',
      personId: person.id,
      teamId: team,
      framework: { framework: 'judicial', measure: 'other' },
    }),
  )
  caseId = c.id
  const base = `/api/accompaniments/${caseId}`
  await ok(await worker.post(`${base}/sessions`, { status: 'held', startsAt: '2026-11-20T09:00:00Z', modality: 'office' }))
  const task = await ok(await worker.post(`${base}/tasks`, { title: TASK_TITLE, dueDate: '2026-12-20' }))
  await ok(await worker.post(`${base}/tasks/${task.id}/status`, { status: 'done' }, v(task.version)))
  const plan = await ok(await worker.get(`${base}/plan`))
  await ok(await worker.put(`${base}/plan`, { goals: [{ domain: 'housing', title: GOAL, steps: [] }] }, v(plan.version ?? 0)))
  await ok(
    await worker.post(`${base}/assessments`, {
      instrument: 'progress-review',
      takenOn: '2026-11-02',
      answers: { housing: { worker: 6, person: 7 } },
    }),
  )
  await ok(
    await worker.post(`${base}/documents`, Buffer.from('%PDF-1.4 attestation'), {
      'content-type': 'application/pdf',
      'x-filename': FILENAME,
    }),
  )
  await ok(
    await worker.post(`${base}/reports`, { periodFrom: '2026-09-01', periodTo: '2026-11-30', engagement: 'active', recipient: RECIPIENT }),
  )
  await ok(
    await worker.post(`${base}/relatives`, { name: RELATIVE_NAME, relationship: 'sibling', involvement: 'informed', consent: 'not_asked' }),
  )
  const view = await ok(await lead.get(base))
  await ok(await lead.post(`${base}/assign`, { primaryWorkerId: worker.userId, coWorkerIds: [colleague.userId] }, v(view.version)))
  const after = await ok(await lead.get(base))
  await ok(await worker.post(`${base}/status`, { to: 'suspended', reason: 'Hospitalisation' }, v(after.version)))
  const outsider = await t.as(['worker'], { teamIds: [await t.team()] })
  await ok(await outsider.post(`${base}/break-glass`, { reason: 'Appel urgent de la police locale ce soir' }))
})
afterAll(() => t.close())

it('shows every kind of event, each with its kind', async () => {
  const items: { type: string; kind: string; actorId: string | null }[] = json(
    await lead.get(`/api/accompaniments/${caseId}/timeline`),
  ).items
  const types = new Set(items.map((e) => e.type))
  for (const type of [
    'created',
    'assigned',
    'suspend',
    'break_glass',
    'session_recorded',
    'task_created',
    'task_done',
    'plan_version',
    'review',
    'document_added',
    'report_sent',
    'relative_added',
  ])
    expect(types, type).toContain(type)
  expect(new Set(items.map((e) => e.kind))).toEqual(new Set(TIMELINE_KINDS.filter((k) => k !== 'other')))
  expect(items.find((e) => e.type === 'task_created')).toMatchObject({ kind: 'tasks', actorId: worker.userId })
  // Newest first.
  const ats = items.map((e) => (e as unknown as { at: string }).at)
  expect([...ats].sort().reverse()).toEqual(ats)
})

it('filters by kind, one or several', async () => {
  for (const kind of TIMELINE_KINDS) {
    const items: { kind: string }[] = json(await lead.get(`/api/accompaniments/${caseId}/timeline?kinds=${kind}`)).items
    expect(
      items.every((e) => e.kind === kind),
      kind,
    ).toBe(true)
    if (kind !== 'other') expect(items.length, kind).toBeGreaterThan(0)
  }
  const two: { kind: string }[] = json(await lead.get(`/api/accompaniments/${caseId}/timeline?kinds=tasks,documents`)).items
  expect(new Set(two.map((e) => e.kind))).toEqual(new Set(['tasks', 'documents']))
  const bad = await lead.get(`/api/accompaniments/${caseId}/timeline?kinds=tasks,secrets`)
  expect(bad.statusCode).toBe(400)
  expect(json(bad).errors[0].field).toBe('query.kinds')
  expect(bad.body).not.toContain('secrets')
})

it('holds no written content from the case’s tables, even for a break-the-glass reader', async () => {
  const outsider = await t.as(['worker'], { teamIds: [await t.team()] })
  await ok(await outsider.post(`/api/accompaniments/${caseId}/break-glass`, { reason: 'Signalement urgent du parquet ce matin' }))
  const res = await outsider.get(`/api/accompaniments/${caseId}/timeline`)
  expect(res.statusCode).toBe(200)
  for (const s of SECRETS) expect(res.body).not.toContain(s)
  const stranger = await t.as(['worker'], { teamIds: [await t.team()] })
  expect((await stranger.get(`/api/accompaniments/${caseId}/timeline`)).statusCode).toBe(404)
})
