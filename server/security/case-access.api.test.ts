import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../http/errors'
import { prng, randomCases, stated } from '../test/random-cases'
import { startTestApp, type TestApp } from '../test/harness'
import { countedCases, openCase, visibleCases, visibleTo } from './case-access'

/**
 * The visibility rule has two written forms, the row form `visibleTo` (one case by its id) and
 * the set form behind `visibleCases` (lists). On random worlds, for every actor, both give
 * exactly the cases the rule states, and `openCase(…, 'read')` opens exactly those (404 for the
 * others). A failure names its seed; PARCOURS_TEST_SEED=<seed> replays it.
 */
const fixed = process.env.PARCOURS_TEST_SEED
const SEEDS = fixed ? [Number(fixed)] : [1, 2, 3].map(() => crypto.randomInt(2 ** 31))

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t?.close())

const sorted = (ids: Iterable<string>) => [...ids].sort()

describe.each(SEEDS)('random world, seed %i', (seed) => {
  it('gives each actor the same cases through the set form, the row form, openCase and the stated rule', async () => {
    const world = await randomCases(t, prng(seed))
    const db = t.services.db
    const now = new Date().toISOString()
    const mine = new Set(world.cases.map((c) => c.id))
    const say = (what: string, actor: { userId: string; roles: string[]; teamIds: string[] }) =>
      `seed ${seed} (PARCOURS_TEST_SEED=${seed} replays it): ${what} for ${JSON.stringify({ roles: actor.roles, teamIds: actor.teamIds, userId: actor.userId })}`
    let seen = 0
    for (const actor of world.actors) {
      const rule = sorted(world.cases.filter((c) => stated(actor, c, now)).map((c) => c.id))
      seen += rule.length
      const set = sorted((await visibleCases(db, actor).select('accompaniments.id').execute()).map((r) => r.id))
      const row = sorted(
        (await db.selectFrom('accompaniments').select('accompaniments.id').where(visibleTo(actor)).execute()).map((r) => r.id),
      )
      // The actors are new to this world: they see nothing of the cases made before it.
      expect(set, say('the set form', actor)).toEqual(rule)
      expect(row, say('the row form', actor)).toEqual(rule)
      const opened: string[] = []
      for (const id of mine) {
        try {
          opened.push((await openCase(db, actor, id, 'read')).id)
        } catch (e) {
          expect(e instanceof AppError && e.code, say(`openCase ${id}`, actor)).toBe('resource.not_found')
        }
      }
      expect(sorted(opened), say('openCase', actor)).toEqual(rule)

      const assigned = sorted((await visibleCases(db, actor, { assigned: true }).select('accompaniments.id').execute()).map((r) => r.id))
      expect(assigned, say('the assigned scope', actor)).toEqual(
        sorted(world.cases.filter((c) => c.workers.has(actor.userId)).map((c) => c.id)),
      )
      for (const team of world.teams) {
        const leads = actor.roles.includes('lead') && actor.teamIds.includes(team)
        const ofTeam = sorted(world.cases.filter((c) => c.teamId === team).map((c) => c.id))
        // Counts (indicators): the team's lead, or the DPO for any team, in no team themselves.
        if (leads || actor.roles.includes('dpo')) {
          const counted = sorted((await (await countedCases(db, actor, team)).select('accompaniments.id').execute()).map((r) => r.id))
          expect(counted, say(`the counted cases of team ${team}`, actor)).toEqual(ofTeam)
        } else await expect(countedCases(db, actor, team), say(`the counted cases of team ${team}`, actor)).rejects.toThrow(AppError)
        if (!leads) {
          expect(() => visibleCases(db, actor, { team }), say(`the scope of team ${team}`, actor)).toThrow(AppError)
          continue
        }
        const ids = sorted((await visibleCases(db, actor, { team }).select('accompaniments.id').execute()).map((r) => r.id))
        expect(ids, say(`the scope of team ${team}`, actor)).toEqual(sorted(world.cases.filter((c) => c.teamId === team).map((c) => c.id)))
      }
    }
    // A world in which nobody sees anything would prove nothing.
    expect(seen, `seed ${seed}: no actor sees any case`).toBeGreaterThan(0)
  })
})
