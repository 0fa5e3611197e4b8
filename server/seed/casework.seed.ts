import type { RequestContext, Services } from '../http/context'
import { DEMO_DOMAIN } from './demo.data'
import { systemContext } from './system-context'
import { calendar, type Cast } from './casework.steps'
import { seedOtherCases } from './casework-more.seed'
import { seedWorkerStories } from './casework-stories.seed'

/**
 * The casework of the demo team, told through the modules' own commands and under the account
 * that would do each step: intake opens cases, the lead assigns them and decides a closure, the
 * workers hold sessions, write reports and tasks, add relatives and ask to close. The demo
 * worker's first case (the judicial one, opened first) is the one the desistance seeds decorate.
 * Does nothing when the demo worker already has cases.
 */
export async function seedCasework(services: Services, now = new Date()): Promise<void> {
  const accounts = await services.db
    .selectFrom('users')
    .innerJoin('user_teams', 'user_teams.user_id', 'users.id')
    .select(['users.id', 'users.email', 'user_teams.team_id'])
    .where(
      'users.email',
      'in',
      ['accueil', 'intervenant', 'intervenante', 'responsable'].map((u) => `${u}@${DEMO_DOMAIN}`),
    )
    .execute()
  const account = (u: string) => accounts.find((a) => a.email === `${u}@${DEMO_DOMAIN}`)
  const [intakeUser, workerUser, colleagueUser, leadUser] = ['accueil', 'intervenant', 'intervenante', 'responsable'].map(account)
  if (!intakeUser || !workerUser || !colleagueUser || !leadUser) return
  const started = await services.db
    .selectFrom('accompaniment_workers')
    .select('accompaniment_id')
    .where('user_id', '=', workerUser.id)
    .limit(1)
    .executeTakeFirst()
  if (started) return

  const [intake, worker, colleague, lead] = (await Promise.all(
    [intakeUser, workerUser, colleagueUser, leadUser].map((u) => systemContext(services, u.id, 'seed-demo')),
  )) as [RequestContext, RequestContext, RequestContext, RequestContext]
  const team = workerUser.team_id

  const cast: Cast = { intake, worker, colleague, lead, team, colleagueTeam: colleagueUser.team_id, cal: calendar(now) }
  const stories = await seedWorkerStories(cast)
  await seedOtherCases(cast, stories)
}
