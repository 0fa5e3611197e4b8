import type { RecentList } from '../../../common/contracts/search.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { visibleCases } from '../../security/case-access'
import { personNames, readablePersonIds, searchRows } from '../../security/person-access'

/**
 * The user's recently viewed cases and persons, newest first, each checked through its door now:
 * a case taken from them, or a person they may no longer open, is left out (the row stays, and
 * comes back if access does). Returns the persons the list names, for the audit entry.
 */
export async function recentOf(ctx: RequestContext, trx: Trx): Promise<{ list: RecentList; persons: string[] }> {
  const rows = await trx
    .selectFrom('recent_views')
    .select(['subject_kind', 'subject_id', 'viewed_at'])
    .where('user_id', '=', ctx.user.userId)
    .orderBy('viewed_at', 'desc')
    .orderBy('subject_id', 'desc')
    .execute()
  const caseIds = rows.filter((r) => r.subject_kind === 'case').map((r) => r.subject_id)
  const personIds = rows.filter((r) => r.subject_kind === 'person').map((r) => r.subject_id)
  const [cases, readable] = await Promise.all([
    caseIds.length
      ? visibleCases(trx, ctx.user)
          .select(['accompaniments.id', 'accompaniments.code', 'accompaniments.person_id'])
          .where('accompaniments.id', 'in', caseIds)
          .execute()
      : Promise.resolve([]),
    readablePersonIds(trx, ctx.user, personIds),
  ])
  const persons = personIds.filter((id) => readable.has(id))
  const [names, personRows] = await Promise.all([
    personNames(ctx, trx, [...cases.map((c) => c.person_id), ...persons]),
    searchRows(trx, persons),
  ])
  const caseOf = new Map(cases.map((c) => [c.id, c]))
  const codeOf = new Map(personRows.map((p) => [p.id, p.code]))
  const items = rows.flatMap((r): RecentList['items'] => {
    if (r.subject_kind === 'case') {
      const c = caseOf.get(r.subject_id)
      if (!c) return []
      return [
        {
          kind: 'case' as const,
          id: c.id,
          code: c.code,
          label: names.get(c.person_id) ?? '',
          link: `/accompaniments/${c.id}`,
          viewedAt: r.viewed_at,
        },
      ]
    }
    const code = codeOf.get(r.subject_id)
    const label = names.get(r.subject_id)
    // A person crypto-shredded since has no name to show: left out.
    if (!code || label === undefined) return []
    return [{ kind: 'person' as const, id: r.subject_id, code, label, link: `/persons/${r.subject_id}`, viewedAt: r.viewed_at }]
  })
  const shown = items.flatMap((i) => (i.kind === 'person' ? [i.id] : [caseOf.get(i.id)?.person_id ?? '']))
  return { list: { items }, persons: shown }
}
