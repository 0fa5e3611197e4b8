import { RETENTION_KINDS, RETENTION_TRIGGERS } from '../../../common/contracts/retention.contracts'
import type { z } from 'zod'
import type { LegalHoldView, RetentionScheduleView } from '../../../common/contracts/retention.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { dpoCases } from '../../security/dpo-door'
import { serviceToday } from '../../time/service-day'

type Schedule = z.infer<typeof RetentionScheduleView>
type Hold = z.infer<typeof LegalHoldView>

export async function schedules(trx: Trx): Promise<Schedule[]> {
  const rows = await trx
    .selectFrom('retention_schedules as s')
    .innerJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.kind', 's.months', 's.legal_reason', 's.updated_at', 's.version', 'u.id as user_id', 'u.display_name'])
    .execute()
  return RETENTION_KINDS.map((kind) => {
    const r = rows.find((x) => x.kind === kind)
    return {
      kind,
      trigger: RETENTION_TRIGGERS[kind],
      months: r?.months ?? null,
      legalReason: r?.legal_reason ?? '',
      updatedAt: r?.updated_at ?? null,
      updatedBy: r ? { id: r.user_id, displayName: r.display_name } : null,
      version: r?.version ?? 0,
    }
  })
}

/** Holds, current first, with their reasons opened (the DPO placed them; they name no one's words but a procedure's). */
export async function holds(ctx: RequestContext, trx: Trx, only?: string): Promise<{ items: Hold[]; personIds: string[] }> {
  let q = trx.selectFrom('legal_holds as h').innerJoin('users as u', 'u.id', 'h.placed_by').selectAll('h').select('u.display_name')
  if (only) q = q.where('h.id', '=', only)
  const held = await q.orderBy('h.placed_at', 'desc').limit(500).execute()
  const cases = await dpoCases(trx, [...new Set(held.map((h) => h.accompaniment_id))])
  const rows = held.flatMap((h) => {
    const acc = cases.find((c) => c.id === h.accompaniment_id)
    return acc ? [{ ...h, code: acc.code, person_id: acc.person_id }] : []
  })
  const keys = await ctx.codec.personKeys(trx, [...new Set(rows.map((r) => r.person_id))])
  const today = serviceToday(ctx.now())
  const items = rows.flatMap((r) => {
    const key = keys.get(r.person_id)
    if (!key) return []
    const words = ctx.codec.openRow('legal_holds', key, r.id, r)
    return [
      {
        id: r.id,
        version: r.version,
        case: { id: r.accompaniment_id, code: r.code },
        reason: words.reason,
        reviewOn: r.review_on,
        reviewDue: !r.lifted_at && r.review_on <= today,
        placedBy: { id: r.placed_by, displayName: r.display_name },
        placedAt: r.placed_at,
        liftedAt: r.lifted_at,
        liftReason: words.lift_reason,
      },
    ]
  })
  // Current holds first (by review date), then lifted ones: sorted here, as engines sort nulls apart.
  items.sort((a, b) => Number(Boolean(a.liftedAt)) - Number(Boolean(b.liftedAt)) || a.reviewOn.localeCompare(b.reviewOn))
  return { items, personIds: [...new Set(rows.map((r) => r.person_id))] }
}
