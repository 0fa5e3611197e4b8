import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../common/roles'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The case-level matrix: every case route, for every relationship a caller can have to the case.
 * `ok` means the handler ran for them (2xx, or a 4xx about the request itself); `hidden` means
 * 404 (the case does not exist for them); `refused` means 403 (seen, but not theirs to change).
 */
type Outcome = 'ok' | 'hidden' | 'refused'
const RELATIONSHIPS = [
  'assigned',
  'coWorker',
  'teamLead',
  'otherTeamLead',
  'otherWorker',
  'breakGlass',
  'partner',
  'researcher',
  'dpo',
  'admin',
] as const
type Relationship = (typeof RELATIONSHIPS)[number]

const READ: Record<Relationship, Outcome> = {
  assigned: 'ok',
  coWorker: 'ok',
  teamLead: 'ok',
  otherTeamLead: 'hidden',
  otherWorker: 'hidden',
  breakGlass: 'ok',
  partner: 'refused',
  researcher: 'refused',
  dpo: 'refused',
  admin: 'refused',
}
const STEER: Record<Relationship, Outcome> = { ...READ, breakGlass: 'refused' }

const ROUTES: { name: string; expect: Record<Relationship, Outcome>; call: (a: Agent, c: Fixture) => Promise<{ statusCode: number }> }[] = [
  { name: 'read the case', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}`) },
  { name: 'read the timeline', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/timeline`) },
  { name: 'list sessions', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/sessions`) },
  {
    name: 'change the framework',
    expect: STEER,
    // Sends back the case's own framework, so that the fixture stays what the other routes expect.
    call: async (a, c) => {
      const current = await a.get(`/api/accompaniments/${c.id}`)
      const view = current.statusCode === 200 ? json(current) : { version: 1, framework: 'voluntary', judicial: {} }
      const framework = { framework: view.framework, ...view.judicial }
      return a.put(`/api/accompaniments/${c.id}`, { summary: 'Changed', framework }, { 'if-match': `"${view.version}"` })
    },
  },
  { name: 'progress at a glance', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/progress`) },
  { name: 'summary for the person', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/summary`) },
  { name: 'list relatives', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/relatives`) },
  {
    name: 'involve a relative',
    expect: STEER,
    call: (a, c) =>
      a.post(`/api/accompaniments/${c.id}/relatives`, {
        name: 'Relationships',
        relationship: 'sibling',
        involvement: 'informed',
        consent: 'not_asked',
      }),
  },
  { name: 'list tasks', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/tasks`) },
  { name: 'list documents', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/documents`) },
  { name: 'list reports', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/reports`) },
  { name: 'read the plan', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/plan`) },
  { name: 'read the plan history', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/plan/versions`) },
  { name: 'read the trajectory', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/trajectory`) },
  {
    name: 'save the plan',
    expect: STEER,
    call: (a, c) =>
      a.put(`/api/accompaniments/${c.id}/plan`, { goals: [{ domain: 'housing', title: 'Logement', steps: [] }] }, { 'if-match': '"0"' }),
  },
  {
    name: 'add a trajectory event',
    expect: STEER,
    call: (a, c) => a.post(`/api/accompaniments/${c.id}/trajectory`, { precision: 'year', date: '2019', phase: 'entry', title: 'Entrée' }),
  },
  {
    name: 'remove a trajectory event',
    expect: STEER,
    call: async (a, c) => {
      const e = json(
        await c.owner.post(`/api/accompaniments/${c.id}/trajectory`, { precision: 'year', date: '2019', phase: 'entry', title: 'Entrée' }),
      )
      return a.request('DELETE', `/api/accompaniments/${c.id}/trajectory/${e.id}`, undefined, { 'if-match': '"1"' })
    },
  },
  { name: 'list network snapshots', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/network`) },
  {
    name: 'compare network snapshots',
    expect: READ,
    call: async (a, c) => {
      const s = json(await c.owner.post(`/api/accompaniments/${c.id}/network`, { takenOn: '2026-11-02', ties: [] }))
      return a.get(`/api/accompaniments/${c.id}/network/compare?from=${s.id}&to=${s.id}`)
    },
  },
  {
    name: 'take a network snapshot',
    expect: STEER,
    call: (a, c) => a.post(`/api/accompaniments/${c.id}/network`, { takenOn: '2026-11-02', ties: [NETWORK_TIE] }),
  },
  {
    name: 'correct a network snapshot',
    expect: STEER,
    call: async (a, c) => {
      const s = json(await c.owner.post(`/api/accompaniments/${c.id}/network`, { takenOn: '2026-11-02', ties: [] }))
      return a.put(`/api/accompaniments/${c.id}/network/${s.id}`, { takenOn: '2026-11-03', ties: [NETWORK_TIE] }, { 'if-match': '"1"' })
    },
  },
  { name: 'list assessments', expect: READ, call: (a, c) => a.get(`/api/accompaniments/${c.id}/assessments`) },
  {
    name: 'read an assessment',
    expect: READ,
    call: async (a, c) => {
      const s = json(await c.owner.post(`/api/accompaniments/${c.id}/assessments`, ASSESSMENT))
      return a.get(`/api/accompaniments/${c.id}/assessments/${s.id}`)
    },
  },
  {
    name: 'record an assessment',
    expect: STEER,
    call: (a, c) => a.post(`/api/accompaniments/${c.id}/assessments`, ASSESSMENT),
  },
  {
    name: 'change an assessment',
    expect: STEER,
    call: async (a, c) => {
      const s = json(await c.owner.post(`/api/accompaniments/${c.id}/assessments`, ASSESSMENT))
      return a.put(`/api/accompaniments/${c.id}/assessments/${s.id}`, { takenOn: '2026-11-03', answers: {} }, { 'if-match': '"1"' })
    },
  },
  { name: 'read the client', expect: { ...READ, partner: 'refused' }, call: (a, c) => a.get(`/api/persons/${c.personId}`) },
  {
    name: 'record a session',
    expect: STEER,
    call: (a, c) => a.post(`/api/accompaniments/${c.id}/sessions`, { startsAt: '2026-12-01T10:00:00Z', modality: 'office' }),
  },
  {
    name: 'add a task',
    expect: STEER,
    call: (a, c) => a.post(`/api/accompaniments/${c.id}/tasks`, { title: 'Appeler', dueDate: '2026-12-01' }),
  },
  {
    name: 'upload a document',
    expect: STEER,
    call: (a, c) =>
      a.post(`/api/accompaniments/${c.id}/documents`, Buffer.from('%PDF-1.4 x'), {
        'content-type': 'application/pdf',
        'x-filename': 'x.pdf',
      }),
  },
  {
    name: 'suspend the case',
    expect: STEER,
    call: async (a, c) => {
      const v = json(await c.owner.get(`/api/accompaniments/${c.id}`)).version
      return a.post(`/api/accompaniments/${c.id}/status`, { to: 'suspended' }, { 'if-match': `"${v}"` })
    },
  },
  {
    name: 'assign workers',
    // Only leads hold the permission: every worker is refused before the case is even looked up.
    expect: { ...READ, assigned: 'refused', coWorker: 'refused', otherWorker: 'refused', breakGlass: 'refused' },
    call: (a, c) => a.post(`/api/accompaniments/${c.id}/assign`, { primaryWorkerId: c.ownerId }),
  },
]

type Fixture = { id: string; personId: string; owner: Agent; ownerId: string }
const ASSESSMENT = { instrument: 'progress-review', takenOn: '2026-11-02', answers: { housing: { worker: 6, person: 7 } } }
const NETWORK_TIE = { name: 'Relationships', kind: 'group', relation: 'community', strength: 2, valence: 'supportive' }

let t: TestApp
let teamA: string
let teamB: string
const agents = {} as Record<Relationship, Agent & { userId: string }>

beforeAll(async () => {
  t = await startTestApp()
  teamA = await t.team()
  teamB = await t.team()
  const as = (roles: Role[], teamIds: string[] = []) => t.as(roles, { teamIds })
  agents.assigned = await as(['worker'], [teamA])
  agents.coWorker = await as(['worker'], [teamA])
  agents.teamLead = await as(['lead'], [teamA])
  agents.otherTeamLead = await as(['lead'], [teamB])
  agents.otherWorker = await as(['worker'], [teamB])
  agents.breakGlass = await as(['worker'], [teamB])
  agents.partner = await as(['partner'])
  agents.researcher = await as(['researcher'])
  agents.dpo = await as(['dpo'])
  agents.admin = await as(['admin'])
})
afterAll(() => t.close())

/** A fresh case per check, so that one route's effect (a suspension) never changes another's. */
async function fixture(): Promise<Fixture> {
  const owner = agents.assigned
  const person = json(await owner.post('/api/persons', { firstName: 'Bilal', lastName: 'Mansouri' }))
  const acc = json(
    await owner.post('/api/accompaniments', {
      kind: 'concerned',
      personId: person.id,
      teamId: teamA,
      framework: { framework: 'judicial', measure: 'other' },
    }),
  )
  expect(
    (
      await agents.teamLead.post(`/api/accompaniments/${acc.id}/assign`, {
        primaryWorkerId: owner.userId,
        coWorkerIds: [agents.coWorker.userId],
      })
    ).statusCode,
  ).toBe(200)
  expect(
    (await agents.breakGlass.post(`/api/accompaniments/${acc.id}/break-glass`, { reason: 'Appel urgent de la police locale' })).statusCode,
  ).toBe(200)
  return { id: acc.id, personId: person.id, owner, ownerId: owner.userId }
}

describe.each(ROUTES)('$name', (route) => {
  it.each(RELATIONSHIPS)('as %s', async (relationship) => {
    const c = await fixture()
    const res = await route.call(agents[relationship], c)
    const outcome: Outcome =
      res.statusCode === 404
        ? 'hidden'
        : res.statusCode === 403
          ? 'refused'
          : res.statusCode < 500 && res.statusCode !== 401
            ? 'ok'
            : ('error' as never)
    expect(outcome, `status ${res.statusCode}`).toBe(route.expect[relationship])
  })
})
