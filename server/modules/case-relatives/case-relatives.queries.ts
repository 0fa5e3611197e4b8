import type { CaseRelatives, CaseRelativeView } from '../../../common/contracts/case-relatives.contracts'
import type { AuditDraft, RequestContext, Row, Trx } from '../../http/context'
import { type OpenedCase, rowsOf, visibleCases } from '../../security/case-access'

type LinkedRow = Pick<Row<'accompaniments'>, 'id' | 'code' | 'kind' | 'status' | 'person_id' | 'relationship'>

const LINKED_COLUMNS = [
  'accompaniments.id',
  'accompaniments.code',
  'accompaniments.kind',
  'accompaniments.status',
  'accompaniments.person_id',
  'accompaniments.relationship',
] as const

/** Cases the caller may see, other than this one, whose client or concerned person is given; the others are not mentioned at all. */
async function visibleCasesAbout(
  ctx: RequestContext,
  trx: Trx,
  about: { clients: string[] } | { concerned: string },
  excludeId: string,
): Promise<LinkedRow[]> {
  let q = visibleCases(trx, ctx.user).select(LINKED_COLUMNS).where('accompaniments.id', '!=', excludeId)
  if ('clients' in about) {
    if (about.clients.length === 0) return []
    q = q.where('accompaniments.person_id', 'in', about.clients)
  } else q = q.where('accompaniments.concerned_person_id', '=', about.concerned)
  return q.orderBy('accompaniments.created_at', 'desc').limit(50).execute()
}

/** The relatives' and professionals' cases about this concerned person, or the concerned person's own. */
async function relatedCases(ctx: RequestContext, trx: Trx, acc: OpenedCase): Promise<LinkedRow[]> {
  if (acc.kind === 'concerned') return visibleCasesAbout(ctx, trx, { concerned: acc.person_id }, acc.id)
  if (!acc.concerned_person_id) return []
  return (await visibleCasesAbout(ctx, trx, { clients: [acc.concerned_person_id] }, acc.id)).filter((r) => r.kind === 'concerned')
}

/**
 * The relatives of one opened case (or the one asked for), each with their own cases the caller
 * may see, and the related cases. The registered relatives and the related cases' clients are
 * recorded on the audit entry as persons the response shows.
 */
export async function relativesOf(
  ctx: RequestContext,
  trx: Trx,
  acc: OpenedCase,
  audit: AuditDraft,
  relativeId?: string,
): Promise<CaseRelatives> {
  let q = rowsOf(trx, acc, 'case_relatives')
    .innerJoin('users', 'users.id', 'case_relatives.created_by')
    .selectAll('case_relatives')
    .select('users.display_name')
  if (relativeId) q = q.where('case_relatives.id', '=', relativeId)
  const rows = await q.orderBy('case_relatives.created_at').limit(200).execute()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const registered = [...new Set(rows.map((r) => r.person_id).filter((p): p is string => p !== null))]
  const [linked, related] = await Promise.all([
    visibleCasesAbout(ctx, trx, { clients: registered }, acc.id),
    relativeId ? Promise.resolve([]) : relatedCases(ctx, trx, acc),
  ])
  audit.shows(registered).shows(related.map((r) => r.person_id))
  const items: CaseRelativeView[] = rows.map((r) => {
    const plain = ctx.codec.openRow('case_relatives', key, r.id, r)
    return {
      id: r.id,
      name: plain.name,
      relationship: r.relationship,
      personId: r.person_id,
      involvement: r.involvement,
      consent: r.consent,
      consentOn: r.consent_on,
      note: plain.note,
      endedOn: r.ended_on,
      linkedCases: linked
        .filter((l) => l.person_id === r.person_id)
        .map((l) => ({ id: l.id, code: l.code, kind: l.kind, status: l.status })),
      createdBy: r.display_name,
      updatedAt: r.updated_at,
      version: r.version,
    }
  })
  return {
    items,
    relatedCases: related.map((r) => ({ id: r.id, code: r.code, kind: r.kind, status: r.status, relationship: r.relationship })),
  }
}
