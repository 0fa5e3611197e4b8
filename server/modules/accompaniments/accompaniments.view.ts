import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, openCase, recordOpened } from '../../security/case-access'
import { personNames } from '../../security/person-access'
import { presentAccompaniment } from './accompaniments.presenter'
import { workersOf } from './accompaniments.queries'

/**
 * The full case as the actor opened it, decrypted with the client's key. Whoever is shown the
 * case has opened it: it is no longer a "new case for you" on their My day (issue 12), whether
 * they opened it from a list or created it themselves.
 */
export async function presentCase(ctx: RequestContext, trx: Trx, acc: OpenedCase) {
  await recordOpened(trx, acc, ctx.user, ctx.now())
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const [names, workers] = await Promise.all([personNames(ctx, trx, [acc.person_id]), workersOf(trx, [acc.id])])
  return presentAccompaniment(
    acc,
    ctx.codec.openRow('accompaniments', key, acc.id, acc),
    names.get(acc.person_id) ?? '',
    workers,
    acc.access,
  )
}

/** The case as it stands after a change made in this transaction, opened again for reading. */
export async function reloadCase(ctx: RequestContext, trx: Trx, id: string) {
  return presentCase(ctx, trx, await openCase(trx, ctx.user, id, 'read'))
}
