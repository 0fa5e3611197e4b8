import type { RetentionKind } from '../../common/contracts/retention.contracts'
import type { Trx } from '../http/context'

/**
 * The DPO's door to persons and cases (DESIGN §3: the DPO runs requests, restriction, erasure and
 * retention, and reads no case content outside a recorded request). It answers ids, codes, dates
 * and states — what a register needs — never a sealed field: content opens only with the person's
 * key, in a module acting under a recorded request. Kept here, beside the workers' doors, so the
 * rule that modules never name the persons and case tables holds for the DPO's modules too.
 */
export function dpoPersons(trx: Trx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return trx.selectFrom('persons').select(['id', 'code']).where('id', 'in', ids).execute()
}

export function dpoCases(trx: Trx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return trx.selectFrom('accompaniments').select(['id', 'code', 'person_id', 'team_id', 'status']).where('id', 'in', ids).execute()
}

/** A case by the code written on its file (case-insensitive, as people type it). */
export function dpoCaseByCode(trx: Trx, code: string) {
  return trx
    .selectFrom('accompaniments')
    .select(['id', 'code', 'person_id', 'team_id', 'status'])
    .where('code', '=', code.trim().toUpperCase())
    .executeTakeFirst()
}

/**
 * Closed cases whose last approved closure happened before `before`, of a retention kind, each
 * with whether a legal hold keeps it. Cases of the concerned person split by framework;
 * relatives' and professionals' cases are advice cases whatever their framework.
 */
export async function dpoClosedCases(trx: Trx, kind: Extract<RetentionKind, `case_${string}`>, before: string) {
  let q = trx
    .selectFrom('accompaniments as a')
    .innerJoin('accompaniment_events as e', (j) => j.onRef('e.accompaniment_id', '=', 'a.id').on('e.type', '=', 'approve_closure'))
    .select(['a.id', 'a.code'])
    .select((eb) => eb.fn.max('e.at').as('closed_at'))
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('legal_holds as h').select('h.id').whereRef('h.accompaniment_id', '=', 'a.id').where('h.lifted_at', 'is', null),
        )
        .as('held'),
    )
    .where('a.status', '=', 'closed')
    // An erased case has nothing left to keep or erase.
    .where('a.erased_at', 'is', null)
  q = kind === 'case_advice' ? q.where('a.kind', 'in', ['relative', 'professional']) : q.where('a.kind', '=', 'concerned')
  if (kind === 'case_voluntary') q = q.where('a.framework', '=', 'voluntary')
  if (kind === 'case_judicial') q = q.where('a.framework', '=', 'judicial')
  const rows = await q
    .groupBy(['a.id', 'a.code'])
    .having((eb) => eb.fn.max('e.at'), '<', before)
    .orderBy('closed_at')
    .execute()
  return rows.map((r) => ({ id: r.id, code: r.code, closedAt: r.closed_at as string, held: Boolean(r.held) }))
}

/** Finalised contacts that led to no person and no case, having happened before `before`. */
export function dpoUnlinkedContacts(trx: Trx, before: string) {
  return trx
    .selectFrom('contacts')
    .select(['id', 'occurred_at'])
    .where('person_id', 'is', null)
    .where('accompaniment_id', 'is', null)
    .where('finalised_at', 'is not', null)
    .where('anonymised_at', 'is', null)
    .where('occurred_at', '<', before)
    .orderBy('occurred_at')
    .execute()
}

/** The persons of these cases, each with their cases not erased yet (what a retention run must find all due). */
export async function dpoPersonsCases(trx: Trx, caseIds: string[]) {
  if (caseIds.length === 0) return new Map<string, { id: string; status: string; framework: string; mandate_end: string | null }[]>()
  const rows = await trx
    .selectFrom('accompaniments as a')
    .innerJoin('accompaniments as own', 'own.person_id', 'a.person_id')
    .select(['a.person_id', 'own.id', 'own.status', 'own.framework', 'own.mandate_end'])
    .where('a.id', 'in', caseIds)
    .where('own.erased_at', 'is', null)
    .execute()
  const out = new Map<string, { id: string; status: string; framework: string; mandate_end: string | null }[]>()
  for (const r of rows) {
    const list = out.get(r.person_id) ?? []
    if (!list.some((c) => c.id === r.id)) list.push({ id: r.id, status: r.status, framework: r.framework, mandate_end: r.mandate_end })
    out.set(r.person_id, list)
  }
  return out
}
