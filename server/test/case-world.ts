import crypto from 'node:crypto'
import { expect } from 'vitest'
import type { Role } from '../../common/roles'
import { type Agent, json, type TestApp } from './harness'

/**
 * Every relationship a signed-in user can have to a case, each held by its own user: the case's
 * primary worker and co-worker, the lead of its team, the lead and a worker of another team, a
 * worker of another team holding a break-the-glass grant on it, and one user of each role that
 * reads no case content.
 */
export const RELATIONSHIPS = [
  'assigned',
  'coWorker',
  'teamLead',
  'otherTeamLead',
  'otherWorker',
  'breakGlass',
  'intake',
  'partner',
  'researcher',
  'dpo',
  'admin',
] as const
export type Relationship = (typeof RELATIONSHIPS)[number]

/** Who each relationship is: roles, and whether the user belongs to the case's team (A) or another (B). */
export const PEOPLE: Record<Relationship, { roles: Role[]; team: 'A' | 'B' | null }> = {
  assigned: { roles: ['worker'], team: 'A' },
  coWorker: { roles: ['worker'], team: 'A' },
  teamLead: { roles: ['lead'], team: 'A' },
  otherTeamLead: { roles: ['lead'], team: 'B' },
  otherWorker: { roles: ['worker'], team: 'B' },
  breakGlass: { roles: ['worker'], team: 'B' },
  intake: { roles: ['intake'], team: 'A' },
  partner: { roles: ['partner'], team: null },
  researcher: { roles: ['researcher'], team: null },
  dpo: { roles: ['dpo'], team: null },
  admin: { roles: ['admin'], team: null },
}

export type Member = Agent & { userId: string }

/** A case of team A, its client, and the world around it. */
export type CaseFixture = { id: string; code: string; personId: string; world: CaseWorld }

export type CaseWorld = {
  t: TestApp
  teamA: string
  teamB: string
  as: Record<Relationship, Member>
  /** The case's primary worker: makes the rows a request needs. */
  owner: Member
  /**
   * A new judicial case of team A: opened by `assigned`, who is its primary worker with
   * `coWorker`; `breakGlass` holds an unexpired grant on it.
   */
  newCase(): Promise<CaseFixture>
}

/** The users and teams of every relationship, on a running test app. */
export async function caseWorld(t: TestApp): Promise<CaseWorld> {
  const teamA = await t.team()
  const teamB = await t.team()
  const teams = { A: [teamA], B: [teamB] }
  const as = {} as Record<Relationship, Member>
  for (const r of RELATIONSHIPS) {
    const { roles, team } = PEOPLE[r]
    as[r] = await t.as(roles, { teamIds: team ? teams[team] : [] })
  }
  const world: CaseWorld = {
    t,
    teamA,
    teamB,
    as,
    owner: as.assigned,
    async newCase() {
      const owner = as.assigned
      const tag = crypto.randomBytes(3).toString('hex')
      const person = json(await owner.post('/api/persons', { firstName: 'Bilal', lastName: `Mansouri ${tag}` }))
      const created = await owner.post('/api/accompaniments', {
        kind: 'concerned',
        personId: person.id,
        teamId: teamA,
        framework: { framework: 'judicial', measure: 'other' },
      })
      expect(created.statusCode, created.body).toBe(201)
      const acc = json(created)
      const assigned = await as.teamLead.post(`/api/accompaniments/${acc.id}/assign`, {
        primaryWorkerId: owner.userId,
        coWorkerIds: [as.coWorker.userId],
      })
      expect(assigned.statusCode, assigned.body).toBe(200)
      const grant = await as.breakGlass.post(`/api/accompaniments/${acc.id}/break-glass`, { reason: 'Appel urgent de la police locale' })
      expect(grant.statusCode, grant.body).toBe(200)
      return { id: acc.id, code: acc.code, personId: person.id, world }
    },
  }
  return world
}

/** The case's current version, as its primary worker reads it. */
export async function caseVersion(c: CaseFixture): Promise<number> {
  const res = await c.world.owner.get(`/api/accompaniments/${c.id}`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res).version
}

export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` })

/** Closes a case the proper way: its worker asks, its lead approves. */
export async function closeCase(c: CaseFixture): Promise<void> {
  const asked = await c.world.owner.post(
    `/api/accompaniments/${c.id}/closure`,
    { outcome: 'goals_reached', reason: 'Objectifs atteints' },
    ifMatch(await caseVersion(c)),
  )
  expect(asked.statusCode, asked.body).toBe(200)
  const approved = await c.world.as.teamLead.post(
    `/api/accompaniments/${c.id}/closure/decision`,
    { approve: true, note: null },
    ifMatch(json(asked).version),
  )
  expect(approved.statusCode, approved.body).toBe(200)
}
