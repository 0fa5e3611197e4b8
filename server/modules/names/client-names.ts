import type { ClientName } from '../../../common/contracts/names.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { visibleCases } from '../../security/case-access'
import { personNameParts } from '../../security/person-access'

/**
 * The client of each of these cases, by case id, for the lists where people work (My day, the
 * calendar, the lead's dashboard). The cases are looked up again through the door, so a name is
 * only ever opened for a case the caller may see, whatever the list passed; opening it records
 * its person on the request's audit entry (the recording codec), in the same transaction.
 */
export async function clientNamesOf(ctx: RequestContext, trx: Trx, caseIds: string[]): Promise<Record<string, ClientName>> {
  const ids = [...new Set(caseIds)]
  if (ids.length === 0) return {}
  const cases: { id: string; person_id: string }[] = []
  // Lists are capped (500 at most); chunks keep the IN list within both engines' parameter limits.
  for (let i = 0; i < ids.length; i += 500) {
    cases.push(
      ...(await visibleCases(trx, ctx.user)
        .select(['accompaniments.id', 'accompaniments.person_id'])
        .where('accompaniments.id', 'in', ids.slice(i, i + 500))
        .execute()),
    )
  }
  const names = await personNameParts(
    ctx,
    trx,
    cases.map((c) => c.person_id),
  )
  const out: Record<string, ClientName> = {}
  for (const c of cases) {
    const name = names.get(c.person_id)
    if (name) out[c.id] = name
  }
  return out
}
