import type { SearchHit } from '../../../common/contracts/search.contracts'
import { parseCaseCode, parsePersonCode, SEARCH_CAP } from '../../../common/person-search'
import type { RequestContext, Trx } from '../../http/context'
import { personsOfVisibleCaseCode } from '../../security/person-cases'
import { COMPARED, idsByCode, personNames, readablePersonIds, searchByName, searchRows } from '../../security/person-access'
import { caseloadPage } from '../accompaniments/accompaniments.queries'
import { fold } from '../partners/partners.geography'

/** How the query was read: a person code, a case code, or words of a name. */
export type QueryForm = 'code' | 'case_code' | 'name'

/**
 * The persons the query designates, among those the caller may open only: a beginning or a
 * name finds nobody else (the register is screened by the person search, with its reason, not
 * here), a code only someone the caller may open, a case code the persons of a case they see.
 */
export async function personsFound(
  ctx: RequestContext,
  trx: Trx,
  q: string,
): Promise<{ form: QueryForm; ids: string[]; compared: number }> {
  const code = parsePersonCode(q)
  if (code) {
    const ids = await idsByCode(trx, code)
    const readable = await readablePersonIds(trx, ctx.user, ids)
    return { form: 'code', ids: ids.filter((id) => readable.has(id)), compared: ids.length }
  }
  const caseCode = parseCaseCode(q)
  if (caseCode) {
    const ids = await personsOfVisibleCaseCode(trx, ctx.user, caseCode)
    return { form: 'case_code', ids, compared: ids.length }
  }
  const found = await searchByName(trx, ctx.user, ctx.names.query(q), q, { readableOnly: true, limit: COMPARED, codec: ctx.codec })
  return { form: 'name', ids: found.matches.map((m) => m.personId), compared: found.compared }
}

/** The first persons found, as hits ("First Last", their code); a person whose key is gone is left out. */
export async function personHits(ctx: RequestContext, trx: Trx, ids: string[]): Promise<SearchHit[]> {
  const shown = ids.slice(0, SEARCH_CAP)
  const [rows, keys] = await Promise.all([searchRows(trx, shown), ctx.codec.personKeys(trx, shown)])
  const rowOf = new Map(rows.map((r) => [r.id, r]))
  return shown.flatMap((id) => {
    const row = rowOf.get(id)
    const key = keys.get(id)
    if (!row || !key) return []
    const plain = ctx.codec.openRow('persons', key, id, row)
    return [{ kind: 'person' as const, id, code: row.code, label: `${plain.first_name} ${plain.last_name}`, link: `/persons/${id}` }]
  })
}

/**
 * The cases the caller sees (the caseload's own set form) that have this code, or whose client is
 * one of these persons: most recently changed first, labelled with the client's name.
 */
export async function caseHits(
  ctx: RequestContext,
  trx: Trx,
  filter: { code: string } | { personIds: string[] },
): Promise<{ hits: SearchHit[]; clients: string[] }> {
  const page = await caseloadPage(trx, ctx.user, { ...filter, limit: SEARCH_CAP, offset: 0 })
  // An erased person's cases are counted shells: no search finds them.
  const rows = page.rows.filter((r) => !r.erased_at)
  const clients = rows.map((r) => r.person_id)
  const names = await personNames(ctx, trx, clients)
  return {
    clients,
    hits: rows.map((r) => ({ kind: 'case', id: r.id, code: r.code, label: names.get(r.person_id) ?? '', link: `/accompaniments/${r.id}` })),
  }
}

/**
 * Partner organisations whose name (or other name) contains the words typed, accents and case
 * folded. The directory is public description, not personal data, and a few hundred rows: read
 * whole and filtered here rather than indexed.
 */
export async function partnerHits(trx: Trx, q: string): Promise<SearchHit[]> {
  const words = fold(q).split(/\s+/).filter(Boolean)
  if (words.join('').length < 2) return []
  const rows = await trx
    .selectFrom('partner_organisations')
    .select(['partner_organisations.id', 'partner_organisations.name', 'partner_organisations.alternate_name'])
    .orderBy('partner_organisations.name')
    .orderBy('partner_organisations.id')
    .execute()
  return rows
    .filter((r) => {
      const text = fold(`${r.name} ${r.alternate_name ?? ''}`)
      return words.every((w) => text.includes(w))
    })
    .slice(0, SEARCH_CAP)
    .map((r) => ({ kind: 'partner', id: r.id, code: null, label: r.name, link: `/partners/${r.id}` }))
}
