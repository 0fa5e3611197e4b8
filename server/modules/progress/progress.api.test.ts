import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let worker: Agent & { userId: string }
let outsider: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

const tie = (id: string, name: string, valence: string, strength = 2) => ({
  id,
  name,
  kind: 'person',
  relation: 'friend',
  strength,
  valence,
})

it('gathers reviews, plan completion, network change and trajectory for the overview, and a summary fit for the person', async () => {
  const team = json(await worker.get('/api/me')).teams[0].id
  const person = json(await worker.post('/api/persons', { firstName: 'Amine', lastName: 'Progress' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const base = `/api/accompaniments/${acc.id}`

  // Nothing recorded yet: an empty but well-formed overview.
  expect(json(await worker.get(`${base}/progress`))).toMatchObject({
    reviews: [],
    plan: { goals: 0, steps: 0, done: 0 },
    network: { series: [], sinceFirst: null, sincePrevious: null },
    trajectory: { events: 0, futureGoals: 0 },
  })

  for (const [takenOn, worker_, person_] of [
    ['2026-06-01', 3, 4],
    ['2026-07-01', 6, 7],
  ] as const) {
    const res = await worker.post(`${base}/assessments`, {
      instrument: 'progress-review',
      takenOn,
      answers: {
        housing: { worker: worker_, person: person_, comment: 'Commentaire du travailleur, pas pour la fiche' },
        employment: { person: person_ },
      },
    })
    expect(res.statusCode, res.body).toBe(201)
  }
  const plan = await worker.put(
    `${base}/plan`,
    {
      goals: [
        {
          domain: 'employment',
          title: 'Trouver une formation en électricité',
          why: 'Raisonnement du travailleur',
          steps: [
            { title: "S'inscrire au Forem", who: 'person', status: 'done' },
            { title: 'Visite du centre', who: 'partner', partner: 'Mission locale', status: 'in_progress' },
          ],
        },
        { domain: 'family', title: 'Renouer avec sa sœur', steps: [] },
      ],
      agreement: { status: 'agreed', on: '2026-07-01', words: "C'est mon plan." },
    },
    { 'if-match': '"0"' },
  )
  expect(plan.statusCode, plan.body).toBe(200)
  const goalId = json(plan).goals[0].id
  for (const event of [
    { precision: 'year', date: '2019', phase: 'entry', title: 'Premiers contacts en ligne' },
    { precision: 'month', date: '2025-03', phase: 'turning_point', title: 'Naissance de sa nièce', valence: 2 },
    { kind: 'future', precision: 'year', date: '2027', title: 'Devenir électricien', goalIds: [goalId] },
  ])
    expect((await worker.post(`${base}/trajectory`, event)).statusCode).toBe(201)
  const ties1 = [
    tie('0b7f8a52-1c1e-4c53-9d7e-000000000001', 'Forum Ansar', 'harmful', 3),
    tie('0b7f8a52-1c1e-4c53-9d7e-000000000002', 'Maman', 'supportive'),
  ]
  const ties2 = [ties1[1]!, tie('0b7f8a52-1c1e-4c53-9d7e-000000000003', 'Club de boxe', 'supportive')]
  expect((await worker.post(`${base}/network`, { takenOn: '2026-06-01', ties: ties1 })).statusCode).toBe(201)
  expect((await worker.post(`${base}/network`, { takenOn: '2026-07-01', ties: ties2 })).statusCode).toBe(201)

  const progress = json(await worker.get(`${base}/progress`))
  expect(progress.reviews.map((r: { takenOn: string }) => r.takenOn)).toEqual(['2026-06-01', '2026-07-01'])
  expect(progress.reviews[1].scores).toEqual({ housing: { worker: 6, person: 7 }, employment: { person: 7 } })
  expect(progress.plan).toMatchObject({ goals: 2, steps: 2, done: 1, inProgress: 1, agreement: 'agreed' })
  expect(progress.network.series).toEqual([
    expect.objectContaining({ takenOn: '2026-06-01', supportive: 1, harmful: 1 }),
    expect.objectContaining({ takenOn: '2026-07-01', supportive: 2, harmful: 0 }),
  ])
  expect(progress.network.sinceFirst.summary).toMatchObject({ supportiveGained: 1, harmfulLeft: 1 })
  expect(progress.trajectory).toEqual({ events: 2, futureGoals: 1, byPhase: { entry: 1, turning_point: 1 } })

  const summary = json(await worker.get(`${base}/summary`))
  expect(summary).toMatchObject({
    firstName: 'Amine',
    caseCode: acc.code,
    agreement: { status: 'agreed', words: "C'est mon plan." },
    progress: { first: { takenOn: '2026-06-01' }, latest: { takenOn: '2026-07-01' } },
    network: { supportive: ['Maman', 'Club de boxe'], supportiveGained: ['Club de boxe'], harmfulLeft: 1, since: '2026-06-01' },
    futureGoals: [{ title: 'Devenir électricien', date: '2027', precision: 'year' }],
  })
  expect(summary.goals[0].steps[1]).toEqual({
    title: 'Visite du centre',
    who: 'partner',
    partner: 'Mission locale',
    due: null,
    status: 'in_progress',
  })
  // What the person should not read on paper is not even sent.
  const text = JSON.stringify(summary)
  for (const hidden of ['Forum Ansar', 'Commentaire du travailleur', 'Raisonnement du travailleur', 'Premiers contacts', 'Progress'])
    expect(text).not.toContain(hidden)

  expect((await auditRows(t.services, 'person_summary.viewed')).at(-1)).toMatchObject({ subject_id: acc.id, person_id: person.id })
  expect((await outsider.get(`${base}/progress`)).statusCode).toBe(404)
  expect((await outsider.get(`${base}/summary`)).statusCode).toBe(404)
})
