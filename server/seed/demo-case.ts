import { CreateAccompaniment } from '../../common/contracts/accompaniments.contracts'
import type { RequestContext, Services, Trx } from '../http/context'
import { createAccompaniment } from '../modules/accompaniments/accompaniments.commands'
import { openCase, visibleCases } from '../security/case-access'
import { DEMO_DOMAIN } from './demo.data'
import { systemContext } from './system-context'

type DemoWorker = { id: string; team_id: string }

/** The demo worker (intervenant@) and a context acting as them, or null outside the demo. */
export async function demoWorkerContext(services: Services): Promise<{ worker: DemoWorker; ctx: RequestContext } | null> {
  const worker = await services.db
    .selectFrom('users')
    .innerJoin('user_teams', 'user_teams.user_id', 'users.id')
    .select(['users.id', 'user_teams.team_id'])
    .where('users.email', '=', `intervenant@${DEMO_DOMAIN}`)
    .executeTakeFirst()
  if (!worker) return null
  return { worker, ctx: await systemContext(services, worker.id, 'seed-demo') }
}

/**
 * The demo worker's first case as primary worker: the one every desistance demo decorates, so
 * that one case shows the whole path. Opened for the first person they registered when they have
 * none and `open` is set; null otherwise.
 */
export async function demoWorkerFirstCase(ctx: RequestContext, trx: Trx, worker: DemoWorker, open: boolean) {
  let caseId = (
    await visibleCases(trx, ctx.user, { assigned: true })
      .innerJoin('accompaniment_workers', 'accompaniment_workers.accompaniment_id', 'accompaniments.id')
      .select('accompaniments.id')
      .where('accompaniment_workers.user_id', '=', worker.id)
      .where('accompaniment_workers.role', '=', 'primary')
      .orderBy('accompaniments.created_at')
      .limit(1)
      .executeTakeFirst()
  )?.id
  if (!caseId && open) {
    const person = await trx
      .selectFrom('persons')
      .select('id')
      .where('created_by', '=', worker.id)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst()
    if (!person) return null
    caseId = await createAccompaniment(
      ctx,
      trx,
      CreateAccompaniment.parse({ kind: 'concerned', personId: person.id, teamId: worker.team_id }),
    )
  }
  return caseId ? openCase(trx, ctx.user, caseId, 'change') : null
}
