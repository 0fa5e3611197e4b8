import crypto from 'node:crypto'
import type { Role } from '../../common/roles'
import type { Insertable } from 'kysely'
import type { Database } from '../db/schema'
import type { Actor } from '../http/context'
import { json, type TestApp } from './harness'

/** A small, seeded pseudo-random generator (mulberry32): the same seed gives the same world. */
export function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = a
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T
  const some = <T>(list: readonly T[], max: number): T[] => {
    const left = [...list]
    const out: T[] = []
    for (let n = int(0, Math.min(max, left.length)); n > 0; n--) out.push(left.splice(int(0, left.length - 1), 1)[0] as T)
    return out
  }
  return { next, int, pick, some, chance: (p: number) => next() < p }
}
export type Prng = ReturnType<typeof prng>

/** Role sets people really hold: one role, or a worker who also leads or takes calls. */
const ROLE_SETS: Role[][] = [
  ['worker'],
  ['worker'],
  ['lead'],
  ['worker', 'lead'],
  ['intake'],
  ['intake', 'worker'],
  ['partner'],
  ['researcher'],
  ['dpo'],
  ['admin'],
]
const STATUSES = ['intake', 'active', 'suspended', 'closing', 'closed'] as const

export type RandomCase = { id: string; teamId: string; workers: Set<string>; grants: { userId: string; expiresAt: string }[] }

/**
 * Everything the visibility rule depends on, made at random: teams, users with one or several
 * roles and zero to two teams (some leads of no team), cases of every status, each with zero to
 * three workers (whatever their roles) and break-the-glass grants, some expired. Cases are
 * written as rows, since the rule reads nothing else; clients are real persons made through the API.
 */
export async function randomCases(t: TestApp, rnd: Prng, now = Date.now()) {
  const db = t.services.db
  const teams: string[] = []
  for (let n = rnd.int(2, 4); n > 0; n--) teams.push(await t.team())
  const actors: Actor[] = []
  for (let n = rnd.int(6, 12); n > 0; n--) {
    const roles = rnd.pick(ROLE_SETS)
    const teamIds = rnd.some(teams, 2)
    const u = await t.user(roles, { teamIds })
    actors.push({ userId: u.id, email: u.email, displayName: u.email, roles, teamIds, sessionId: 'random', sessionState: 'active' })
  }
  const creator = await t.as(['worker'])
  const persons: string[] = []
  for (let n = 3; n > 0; n--) persons.push(json(await creator.post('/api/persons', { firstName: 'Random', lastName: `Person ${n}` })).id)

  const cases: RandomCase[] = []
  const at = new Date(now).toISOString()
  for (let n = rnd.int(15, 30); n > 0; n--) {
    const id = crypto.randomUUID()
    const teamId = rnd.pick(teams)
    await db
      .insertInto('accompaniments')
      .values(
        caseRow({
          id,
          code: `R-${crypto.randomBytes(5).toString('hex')}`,
          person_id: rnd.pick(persons),
          team_id: teamId,
          status: rnd.pick(STATUSES),
          created_by: creator.userId,
          created_at: at,
        }),
      )
      .execute()
    const workers = rnd.some(actors, 3).map((a) => a.userId)
    if (workers.length)
      await db
        .insertInto('accompaniment_workers')
        .values(workers.map((userId, i) => ({ accompaniment_id: id, user_id: userId, role: i === 0 ? 'primary' : 'co' })))
        .execute()
    const grants = rnd.some(actors, 2).map((a) => ({
      userId: a.userId,
      // From 4 hours ahead to 4 hours ago, never within a minute of now.
      expiresAt: new Date(now + (rnd.chance(0.5) ? 1 : -1) * rnd.int(60_000, 4 * 3_600_000)).toISOString(),
    }))
    for (const g of grants)
      await db
        .insertInto('access_grants')
        .values({
          id: crypto.randomUUID(),
          accompaniment_id: id,
          user_id: g.userId,
          reason_sealed: 'x',
          granted_at: at,
          expires_at: g.expiresAt,
        })
        .execute()
    cases.push({ id, teamId, workers: new Set(workers), grants })
  }
  return { teams, actors, cases }
}

/** The rule as the architecture states it, in plain code: the oracle the written forms must agree with. */
export function stated(actor: Actor, c: RandomCase, now = new Date().toISOString()): boolean {
  return (
    c.workers.has(actor.userId) ||
    c.grants.some((g) => g.userId === actor.userId && g.expiresAt > now) ||
    (actor.roles.includes('lead') && actor.teamIds.includes(c.teamId))
  )
}

type CaseRowOf = Insertable<Database['accompaniments']>

/**
 * A concerned person's voluntary case as a bare row, for tests of rules that read only its
 * indexed columns: every sealed and judicial field empty, `updated_at` as `created_at` unless given.
 */
export function caseRow(
  row: Pick<CaseRowOf, 'id' | 'code' | 'person_id' | 'team_id' | 'status' | 'created_by' | 'created_at'> & Partial<CaseRowOf>,
): CaseRowOf {
  return {
    kind: 'concerned',
    concerned_person_id: null,
    concerned_status: 'known',
    relationship: null,
    framework: 'voluntary',
    measure: null,
    authority_kind: null,
    mandate_start: null,
    mandate_end: null,
    authority_sealed: null,
    conditions_sealed: null,
    reporting_sealed: null,
    summary_sealed: null,
    closure_reason_sealed: null,
    closure_outcome: null,
    updated_at: row.created_at,
    version: 1,
    ...row,
  }
}
