import type { RequestContext, Trx } from '../http/context'

/** What lists, search results and audit screens show of persons they name, behind the persons door (person-access.ts). */

/** The persons with this person code (at most one), unless their data key was destroyed. */
export async function idsByCode(trx: Trx, code: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.code', '=', code)
    .where('persons.restricted', '=', 0)
    .where('persons.erased_at', 'is', null)
    .where((eb) =>
      eb.exists(eb.selectFrom('person_keys').select('person_keys.person_id').whereRef('person_keys.person_id', '=', 'persons.id')),
    )
    .execute()
  return rows.map((r) => r.id)
}

/** What a search result shows of a person: the identity that tells namesakes apart, sealed. */
export async function searchRows(trx: Trx, ids: string[]) {
  if (ids.length === 0) return []
  return trx
    .selectFrom('persons')
    .select([
      'persons.id',
      'persons.code',
      'persons.first_name_sealed',
      'persons.last_name_sealed',
      'persons.birth_year_sealed',
      'persons.postcode',
    ])
    .where('persons.id', 'in', ids)
    .where('persons.erased_at', 'is', null)
    .execute()
}

/**
 * "First Last" of persons the caller's response shows because they are the clients of cases the
 * caller may see (lists of cases); the keys fetched record them on the audit entry.
 */
export async function personNames(ctx: RequestContext, trx: Trx, personIds: string[]): Promise<Map<string, string>> {
  const parts = await personNameParts(ctx, trx, personIds)
  return new Map([...parts].map(([id, { firstName, lastName }]) => [id, `${firstName} ${lastName}`]))
}

/**
 * The codes of these persons (pseudonymous, never a name), for the DPO's audit screens: an
 * entry says which persons it concerns by code. Persons no longer in the table have none.
 */
export async function personCodes(trx: Trx, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await trx
      .selectFrom('persons')
      .select(['persons.id', 'persons.code'])
      .where('persons.id', 'in', unique.slice(i, i + 500))
      .execute()
    for (const r of rows) out.set(r.id, r.code)
  }
  return out
}

/**
 * First and last names of the clients a response shows beside their case codes (My day, the
 * calendar, the lead's dashboard), so that the web app can mask them to initials. As for
 * `personNames`, the keys fetched record these persons on the audit entry: only ids of cases the
 * caller may see are to be passed.
 */
export async function personNameParts(
  ctx: RequestContext,
  trx: Trx,
  personIds: string[],
): Promise<Map<string, { firstName: string; lastName: string }>> {
  const ids = [...new Set(personIds)]
  if (ids.length === 0) return new Map()
  const [rows, keys] = await Promise.all([
    trx
      .selectFrom('persons')
      .select(['persons.id', 'persons.first_name_sealed', 'persons.last_name_sealed'])
      .where('persons.id', 'in', ids)
      // A tombstone has no name left: another instance may still hold its key for a few seconds.
      .where('persons.erased_at', 'is', null)
      .execute(),
    ctx.codec.personKeys(trx, ids),
  ])
  const names = new Map<string, { firstName: string; lastName: string }>()
  for (const row of rows) {
    const key = keys.get(row.id)
    if (!key) continue
    const plain = ctx.codec.openRow('persons', key, row.id, row)
    names.set(row.id, { firstName: plain.first_name, lastName: plain.last_name })
  }
  return names
}
