import type { CaseSessionView } from '../../../common/contracts/case-sessions.contracts'
import { fromJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, rowsOf } from '../../security/case-access'

const COLUMNS = [
  'case_sessions.id',
  'case_sessions.accompaniment_id',
  'case_sessions.status',
  'case_sessions.starts_at',
  'case_sessions.duration_minutes',
  'case_sessions.modality',
  'case_sessions.place_sealed',
  'case_sessions.participants',
  'case_sessions.attendance',
  'case_sessions.notes_sealed',
  'case_sessions.worker_id',
  'users.display_name',
  'case_sessions.version',
] as const

/** Sessions of one opened case, newest first (or the one asked for). */
export async function sessionsOf(ctx: RequestContext, trx: Trx, acc: OpenedCase, sessionId?: string): Promise<CaseSessionView[]> {
  let q = rowsOf(trx, acc, 'case_sessions').innerJoin('users', 'users.id', 'case_sessions.worker_id').select(COLUMNS)
  if (sessionId) q = q.where('case_sessions.id', '=', sessionId)
  const rows = await q.orderBy('case_sessions.starts_at', 'desc').limit(500).execute()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows.map((r) => {
    const plain = ctx.codec.openRow('case_sessions', key, r.id, r)
    return {
      id: r.id,
      accompanimentId: r.accompaniment_id,
      status: r.status,
      startsAt: r.starts_at,
      durationMinutes: r.duration_minutes,
      modality: r.modality,
      place: plain.place,
      participants: fromJson(r.participants),
      attendance: r.attendance,
      notes: plain.notes,
      workerId: r.worker_id,
      workerName: r.display_name,
      version: r.version,
    }
  })
}
