import type { Actor, Trx } from '../../http/context'
import { visibleCases, visibleRows } from '../../security/case-access'

const OPEN = ['intake', 'active', 'suspended'] as const

/**
 * "New case for you": the open cases the actor works on (primary or co-worker) and has never
 * opened (`case_opens`, written by the door's `recordOpened` when the case is read). Two small
 * reads on the actor's own cases rather than an anti-join, so that both go through the door.
 */
export async function newCasesFor(trx: Trx, me: Actor) {
  const [mine, opened] = await Promise.all([
    visibleCases(trx, me, { assigned: true })
      .select(['accompaniments.id as accompaniment_id', 'accompaniments.code', 'accompaniments.person_id', 'accompaniments.status'])
      .where('accompaniments.status', 'in', OPEN)
      .orderBy('accompaniments.code')
      .execute(),
    visibleRows(trx, me, 'case_opens', { assigned: true })
      .select('case_opens.accompaniment_id')
      .where('case_opens.user_id', '=', me.userId)
      .execute(),
  ])
  const seen = new Set(opened.map((o) => o.accompaniment_id))
  return mine.filter((c) => !seen.has(c.accompaniment_id))
}
