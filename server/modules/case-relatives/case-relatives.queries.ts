import type { CaseRelatives, CaseRelativeView } from '../../../common/contracts/case-relatives.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { visibleTo } from '../accompaniments/accompaniments.visibility'

type Case = { id: string; kind: string; person_id: string; concerned_person_id: string | null }
type LinkedRow = { id: string; code: string; kind: string; status: string; person_id: string; relationship: string | null }

/** Cases of these clients that the caller may see; the others are not mentioned at all. */
async function visibleCasesOf(ctx: RequestContext, trx: Trx, personIds: string[], excludeId: string): Promise<LinkedRow[]> {
  if (personIds.length === 0) return []
  return trx
    .selectFrom('accompaniments')
    .select(['id', 'code', 'kind', 'status', 'person_id', 'relationship'])
    .where('person_id', 'in', personIds)
    .where('id', '!=', excludeId)
    .where(visibleTo(ctx.user))
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute()
}

/** The relatives' and professionals' cases about this concerned person, or the concerned person's own. */
async function relatedCases(ctx: RequestContext, trx: Trx, acc: Case): Promise<CaseRelatives['relatedCases']> {
  let rows: LinkedRow[]
  if (acc.kind === 'concerned') {
    rows = await trx
      .selectFrom('accompaniments')
      .select(['id', 'code', 'kind', 'status', 'person_id', 'relationship'])
      .where('concerned_person_id', '=', acc.person_id)
      .where('id', '!=', acc.id)
      .where(visibleTo(ctx.user))
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute()
  } else if (acc.concerned_person_id) {
    rows = (await visibleCasesOf(ctx, trx, [acc.concerned_person_id], acc.id)).filter((r) => r.kind === 'concerned')
  } else rows = []
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    kind: r.kind as CaseRelatives['relatedCases'][number]['kind'],
    status: r.status as CaseRelatives['relatedCases'][number]['status'],
    relationship: r.relationship as CaseRelatives['relatedCases'][number]['relationship'],
  }))
}

export async function relativesOf(ctx: RequestContext, trx: Trx, acc: Case, relativeId?: string): Promise<CaseRelatives> {
  let q = trx
    .selectFrom('case_relatives')
    .innerJoin('users', 'users.id', 'case_relatives.created_by')
    .selectAll('case_relatives')
    .select('users.display_name')
    .where('case_relatives.accompaniment_id', '=', acc.id)
  if (relativeId) q = q.where('case_relatives.id', '=', relativeId)
  const rows = await q.orderBy('case_relatives.created_at').limit(200).execute()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const linked = await visibleCasesOf(ctx, trx, [...new Set(rows.map((r) => r.person_id).filter((p): p is string => p !== null))], acc.id)
  const items: CaseRelativeView[] = rows.map((r) => {
    const plain = ctx.codec.openRow('case_relatives', key, r.id, r)
    return {
      id: r.id,
      name: String(plain.name),
      relationship: r.relationship as CaseRelativeView['relationship'],
      personId: r.person_id,
      involvement: r.involvement as CaseRelativeView['involvement'],
      consent: r.consent as CaseRelativeView['consent'],
      consentOn: r.consent_on,
      note: (plain.note as string | null) ?? null,
      endedOn: r.ended_on,
      linkedCases: linked
        .filter((l) => l.person_id === r.person_id)
        .map((l) => ({ id: l.id, code: l.code, kind: l.kind as never, status: l.status as never })),
      createdBy: r.display_name,
      updatedAt: r.updated_at,
      version: r.version,
    }
  })
  return { items, relatedCases: relativeId ? [] : await relatedCases(ctx, trx, acc) }
}
