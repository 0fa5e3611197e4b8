import { afterAll, beforeAll, expect, it } from 'vitest'
import { json, startTestApp, type TestApp } from '../test/harness'
import { seedDemo } from './demo.seed'
import { seedPlanAndTrajectory } from './plan-trajectory.seed'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
  await seedDemo(t.services)
})
afterAll(() => t.close())

it("gives the demo worker's first case a plan in two versions and a trajectory, once", async () => {
  const counts = async () => ({
    // The first team's: the second holds the indicators' cohort (progress-cohort.seed.ts), one plan each.
    plans: (
      await t.services.db
        .selectFrom('plan_versions')
        .innerJoin('accompaniments', 'accompaniments.id', 'plan_versions.accompaniment_id')
        .innerJoin('teams', 'teams.id', 'accompaniments.team_id')
        .where('teams.name', '=', 'Équipe Bruxelles')
        .select('plan_versions.version')
        .orderBy('plan_versions.version')
        .execute()
    ).map((r) => r.version),
    events: (await t.services.db.selectFrom('trajectory_events').select('id').execute()).length,
  })
  expect(await counts()).toEqual({ plans: [1, 2], events: 10 })
  await seedPlanAndTrajectory(t.services)
  expect(await counts()).toEqual({ plans: [1, 2], events: 10 })

  // The future goals point at goals of the current plan, as the API requires of any link.
  const futures = await t.services.db.selectFrom('trajectory_events').select('goal_ids').where('kind', '=', 'future').execute()
  expect(futures.map((e) => JSON.parse(e.goal_ids).length)).toEqual([1, 1])
  // And the case stays as private as any other: a worker of another team does not see it.
  const [row] = await t.services.db.selectFrom('plan_versions').select('accompaniment_id').limit(1).execute()
  const outsider = await t.as(['worker'])
  expect(json(await outsider.get(`/api/accompaniments/${row?.accompaniment_id}/plan`)).code).toBe('resource.not_found')
})
