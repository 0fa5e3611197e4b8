import type { RequestContext, Trx } from '../../http/context'
import { presentAccompaniment } from './accompaniments.presenter'
import { accessOf, findVisibleAccompaniment, workersOf } from './accompaniments.queries'
import { personNames } from './person-names'

/** The full case as the actor may see it (404 otherwise), decrypted with the client's key. */
export async function loadAccompaniment(ctx: RequestContext, trx: Trx, id: string) {
  const row = await findVisibleAccompaniment(trx, ctx.user, id)
  const key = await ctx.codec.personKey(trx, row.person_id)
  const [names, workers, access] = await Promise.all([
    personNames(ctx, trx, [row.person_id]),
    workersOf(trx, [id]),
    accessOf(trx, ctx.user, [row]),
  ])
  return presentAccompaniment(
    row,
    ctx.codec.openRow('accompaniments', key, id, row),
    names.get(row.person_id) ?? '',
    workers,
    access.get(id) ?? 'emergency',
  )
}
