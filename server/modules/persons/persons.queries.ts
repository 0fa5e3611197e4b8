import type { ExpressionBuilder } from 'kysely'
import type { Actor, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import type { NameIndex } from '../../security/name-index'
import { personReachableThroughCase } from '../../security/case-access'

export const PERSON_COLUMNS = [
  'id',
  'code',
  'first_name_sealed',
  'last_name_sealed',
  'other_names_sealed',
  'birth_date_sealed',
  'birth_year_sealed',
  'gender',
  'languages',
  'postcode',
  'phone_sealed',
  'email_sealed',
  'notes_sealed',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const

/**
 * The persons an actor may read in full: the records they created, and the clients and concerned
 * persons of the accompaniments they may see (assigned, team lead, break-the-glass). Everything
 * else is invisible, and invisible answers 404.
 */
function readableBy(actor: Actor) {
  return (eb: ExpressionBuilder<any, 'persons'>) =>
    eb.or([eb('persons.created_by', '=', actor.userId), personReachableThroughCase(actor)(eb)])
}

export async function findVisiblePerson(trx: Trx, actor: Actor, id: string) {
  const row = await trx
    .selectFrom('persons')
    .select(PERSON_COLUMNS)
    .where('persons.id', '=', id)
    .where(readableBy(actor))
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  return row
}

export async function readableIds(trx: Trx, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await trx.selectFrom('persons').select('id').where('persons.id', 'in', ids).where(readableBy(actor)).execute()
  return new Set(rows.map((r) => r.id))
}

/**
 * Persons whose name keys match every word of the query (exactly or phonetically), plus those
 * whose joined name matches the joined query ("Van den Berg" ~ "Vandenberg").
 */
export async function searchByName(trx: Trx, names: NameIndex, q: string, limit: number): Promise<string[]> {
  const groups = names.queryGroups(q)
  if (groups.length === 0) return []
  const byWords = groups.slice(1).reduce(
    (acc, g) => acc.intersect(trx.selectFrom('person_name_keys').select('person_id').where('key_hash', 'in', g)),
    trx
      .selectFrom('person_name_keys')
      .select('person_id')
      .where('key_hash', 'in', groups[0] as string[]),
  )
  const ids = new Set((await byWords.limit(limit).execute()).map((r) => r.person_id))
  const joined = names.joinedQuery(q)
  if (joined && ids.size < limit) {
    const rows = await trx
      .selectFrom('person_name_keys')
      .select('person_id')
      .distinct()
      .where('key_hash', 'in', joined)
      .limit(limit)
      .execute()
    for (const r of rows) ids.add(r.person_id)
  }
  return [...ids].slice(0, limit)
}
