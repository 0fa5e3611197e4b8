import { fromJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, rowsOf } from '../../security/case-access'

/** The case's timeline, newest first, notes opened with the client's key. */
export async function readTimeline(ctx: RequestContext, trx: Trx, acc: OpenedCase) {
  const rows = await rowsOf(trx, acc, 'accompaniment_events')
    .leftJoin('users', 'users.id', 'accompaniment_events.actor_id')
    .select([
      'accompaniment_events.id',
      'accompaniment_events.at',
      'accompaniment_events.actor_id',
      'users.display_name',
      'accompaniment_events.type',
      'accompaniment_events.data',
      'accompaniment_events.note_sealed',
    ])
    .orderBy('accompaniment_events.at', 'desc')
    .limit(500)
    .execute()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.display_name ?? null,
    type: r.type,
    data: r.data ? fromJson(r.data) : null,
    note: ctx.codec.openRow('accompaniment_events', key, r.id, r).note,
  }))
}
