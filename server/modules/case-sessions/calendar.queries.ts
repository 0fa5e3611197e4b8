import type { z } from 'zod'
import type { CalendarEntry, CalendarQuery } from '../../../common/contracts/case-sessions.contracts'
import { fromJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { type Scope, visibleCases, visibleRows } from '../../security/case-access'

/** A calendar answers a week; 500 sessions is far beyond any team's week and bounds the answer. */
const LIMIT = 500
const OPEN = ['intake', 'active', 'suspended', 'closing'] as const

type Entry = z.infer<typeof CalendarEntry> & { personId: string }

/**
 * The sessions of a week, through the door: `mine`, the caller's own sessions on the cases they
 * may still see (a session outlives no one's access); `team`, every session on the cases of the
 * teams the caller leads (the door's team scope, which refuses a team they do not lead), of one
 * worker when `workerId` is given.
 */
export async function calendarWeek(ctx: RequestContext, trx: Trx, query: z.output<typeof CalendarQuery>): Promise<Entry[]> {
  const scopes: Scope[] = query.scope === 'team' ? ctx.user.teamIds.map((team) => ({ team })) : [{ all: true }]
  const rows = []
  for (const scope of scopes) {
    let q = visibleRows(trx, ctx.user, 'case_sessions', scope)
      .innerJoin('users', 'users.id', 'case_sessions.worker_id')
      .select([
        'case_sessions.id',
        'case_sessions.accompaniment_id',
        'accompaniments.code',
        'accompaniments.person_id',
        'case_sessions.status',
        'case_sessions.starts_at',
        'case_sessions.duration_minutes',
        'case_sessions.modality',
        'case_sessions.participants',
        'case_sessions.attendance',
        'case_sessions.worker_id',
        'users.display_name',
        'case_sessions.version',
      ])
      .where('case_sessions.starts_at', '>=', new Date(query.from).toISOString())
      .where('case_sessions.starts_at', '<', new Date(query.to).toISOString())
    const workerId = query.scope === 'team' ? query.workerId : ctx.user.userId
    if (workerId) q = q.where('case_sessions.worker_id', '=', workerId)
    rows.push(...(await q.orderBy('case_sessions.starts_at').orderBy('case_sessions.id').limit(LIMIT).execute()))
  }
  // A lead of several teams: each team's week in order, merged into one.
  rows.sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.id.localeCompare(b.id))
  return rows.slice(0, LIMIT).map((r) => ({
    id: r.id,
    accompanimentId: r.accompaniment_id,
    accompanimentCode: r.code,
    personId: r.person_id,
    status: r.status,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    modality: r.modality,
    participants: fromJson(r.participants),
    attendance: r.attendance,
    workerId: r.worker_id,
    workerName: r.display_name,
    version: r.version,
  }))
}

/** The open cases the caller works on (primary or co-worker): where they may plan a session. */
export function plannableCases(ctx: RequestContext, trx: Trx) {
  return visibleCases(trx, ctx.user, { assigned: true })
    .select(['accompaniments.id', 'accompaniments.code', 'accompaniments.person_id'])
    .where('accompaniments.status', 'in', OPEN)
    .orderBy('accompaniments.code')
    .limit(LIMIT)
    .execute()
}
