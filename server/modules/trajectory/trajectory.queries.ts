import { compareTrajectoryDates, type TrajectoryEvent } from '../../../common/contracts/trajectory.contracts'
import { fromJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, rowsOf } from '../../security/case-access'

/**
 * The trajectory of an opened case, events and future goals together, in chronological order:
 * one query and one key fetch, whatever the number of events.
 */
export async function trajectoryOf(ctx: RequestContext, trx: Trx, acc: OpenedCase, eventId?: string): Promise<TrajectoryEvent[]> {
  let q = rowsOf(trx, acc, 'trajectory_events')
    .innerJoin('users', 'users.id', 'trajectory_events.created_by')
    .select([
      'trajectory_events.id',
      'trajectory_events.accompaniment_id',
      'trajectory_events.kind',
      'trajectory_events.date_precision',
      'trajectory_events.date',
      'trajectory_events.phase',
      'trajectory_events.domain',
      'trajectory_events.valence',
      'trajectory_events.title_sealed',
      'trajectory_events.description_sealed',
      'trajectory_events.goal_ids',
      'trajectory_events.created_at',
      'trajectory_events.updated_at',
      'trajectory_events.version',
      'users.display_name',
    ])
  if (eventId) q = q.where('trajectory_events.id', '=', eventId)
  const rows = await q.execute()
  if (rows.length === 0) return []
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows
    .map((r) => {
      const plain = ctx.codec.openRow('trajectory_events', key, r.id, r)
      return {
        id: r.id,
        accompanimentId: r.accompaniment_id,
        kind: r.kind,
        precision: r.date_precision,
        date: r.date,
        phase: r.phase,
        domain: r.domain,
        valence: r.valence,
        title: plain.title,
        description: plain.description,
        goalIds: fromJson(r.goal_ids),
        createdBy: r.display_name,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        version: r.version,
      }
    })
    .sort(compareTrajectoryDates)
}
