import { RECENT_KEPT, type RecentKind } from '../../../common/contracts/search.contracts'
import type { Trx } from '../../http/context'

/**
 * Notes that the user opened this case or person, in the transaction (and under the audit entry)
 * of the read that showed it; the user keeps their last RECENT_KEPT, older rows go.
 *
 * The user's few rows are read first: when this page is already their latest, nothing is written,
 * so that reloading a page or moving between its tabs costs one short read instead of a row lock
 * and a write per request. Its time is then when the user turned to it, not their last reload.
 */
export async function recordView(trx: Trx, userId: string, kind: RecentKind, subjectId: string, at: string): Promise<void> {
  const rows = await trx
    .selectFrom('recent_views')
    .select(['subject_kind', 'subject_id'])
    .where('user_id', '=', userId)
    .orderBy('viewed_at', 'desc')
    .orderBy('subject_id', 'desc')
    .execute()
  const isThis = (r: (typeof rows)[number]) => r.subject_kind === kind && r.subject_id === subjectId
  if (rows[0] && isThis(rows[0])) return
  await trx
    .insertInto('recent_views')
    .values({ user_id: userId, subject_kind: kind, subject_id: subjectId, viewed_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'subject_kind', 'subject_id']).doUpdateSet({ viewed_at: at }))
    .execute()
  // This page is now first: of the others, the RECENT_KEPT - 1 newest stay.
  for (const old of rows.filter((r) => !isThis(r)).slice(RECENT_KEPT - 1))
    await trx
      .deleteFrom('recent_views')
      .where('user_id', '=', userId)
      .where('subject_kind', '=', old.subject_kind)
      .where('subject_id', '=', old.subject_id)
      .execute()
}

/** Forgets what the user opened (on request, or at sign-out when the service says so). */
export async function clearRecent(trx: Trx, userId: string): Promise<number> {
  const result = await trx.deleteFrom('recent_views').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}
