import type { ExpressionBuilder } from 'kysely'
import type { Actor, RequestContext, Trx } from '../http/context'
import { fail } from '../http/errors'
import { personReachableThroughCase } from './case-access'
import type { NameQuery } from './name-index'

/**
 * The one place that names the persons tables in a query. A person is readable in full by the
 * account that registered them and through the cases the actor may see (as client or as the
 * concerned person); everything else answers 404. The name search finds persons by keyed hashes
 * of their name keys, never by plaintext.
 */

export const PERSON_COLUMNS = [
  'persons.id',
  'persons.code',
  'persons.first_name_sealed',
  'persons.last_name_sealed',
  'persons.other_names_sealed',
  'persons.birth_date_sealed',
  'persons.birth_year_sealed',
  'persons.gender',
  'persons.languages',
  'persons.postcode',
  'persons.phone_sealed',
  'persons.email_sealed',
  'persons.notes_sealed',
  'persons.created_by',
  'persons.created_at',
  'persons.updated_at',
  'persons.version',
] as const

function readableBy(actor: Actor) {
  return (eb: ExpressionBuilder<any, 'persons'>) =>
    eb.or([eb('persons.created_by', '=', actor.userId), personReachableThroughCase(actor)(eb)])
}

declare const opened: unique symbol
type PersonRow = Awaited<ReturnType<typeof findRow>>
/** A person who went through the door. Only `openPerson` makes one. */
export type OpenedPerson = NonNullable<PersonRow> & { readonly [opened]: true }

const findRow = (trx: Trx, actor: Actor, id: string) =>
  trx.selectFrom('persons').select(PERSON_COLUMNS).where('persons.id', '=', id).where(readableBy(actor)).executeTakeFirst()

/** The person in full, when the actor may read them; 404 otherwise. */
export async function openPerson(trx: Trx, actor: Actor, id: string): Promise<OpenedPerson> {
  const row = await findRow(trx, actor, id)
  if (!row) throw fail('resource.not_found')
  return row as OpenedPerson
}

/** Which of these persons the actor may read in full. */
export async function readablePersonIds(trx: Trx, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await trx.selectFrom('persons').select('persons.id').where('persons.id', 'in', ids).where(readableBy(actor)).execute()
  return new Set(rows.map((r) => r.id))
}

/** An update of the person's own row, limited to this person. */
export function updatePersonRow(trx: Trx, person: OpenedPerson) {
  return trx.updateTable('persons').where('persons.id', '=', person.id)
}

/** Replaces a person's search keys (keyed hashes of their name keys). */
export async function replaceNameKeys(trx: Trx, personId: string, keyHashes: string[]): Promise<void> {
  await trx.deleteFrom('person_name_keys').where('person_id', '=', personId).execute()
  if (keyHashes.length)
    await trx
      .insertInto('person_name_keys')
      .values(keyHashes.map((key_hash) => ({ key_hash, person_id: personId })))
      .execute()
}

/** A person a name search found, and how well: see docs/adr/0006-proportionate-name-search.md. */
export type NameMatch = { personId: string; readable: boolean; score: number; exact: boolean }

/** More persons than this matching every word of a query means the query is not a name. */
const CANDIDATES = 1000

/**
 * The persons whose name keys match every word of the query, best first. A person the actor may
 * read is found by any match; any other person only when two different parts of the query
 * matched their first and their last name (a family name alone lists a family, not a person).
 * With `readableOnly` (broad queries), only persons the actor may read are looked at.
 */
export async function searchByName(trx: Trx, actor: Actor, query: NameQuery, opts: { readableOnly: boolean }): Promise<NameMatch[]> {
  const perWord = query.perWord
  if (perWord.length === 0) return []
  const holding = (hashes: string[]) =>
    trx.selectFrom('person_name_keys').select('person_name_keys.person_id').where('person_name_keys.key_hash', 'in', hashes)
  const everyWord = perWord.slice(1).reduce((acc, hashes) => acc.intersect(holding(hashes)), holding(perWord[0] as string[]))
  const candidates = (
    await trx
      .selectFrom('persons')
      .select('persons.id')
      .where('persons.id', 'in', everyWord)
      // A person whose data key was destroyed (erased) can show nothing.
      .where((eb) =>
        eb.exists(eb.selectFrom('person_keys').select('person_keys.person_id').whereRef('person_keys.person_id', '=', 'persons.id')),
      )
      .$if(opts.readableOnly, (qb) => qb.where(readableBy(actor)))
      .limit(CANDIDATES)
      .execute()
  ).map((r) => r.id)
  if (candidates.length === 0) return []
  const [rows, readable] = await Promise.all([
    trx
      .selectFrom('person_name_keys')
      .select(['person_name_keys.person_id', 'person_name_keys.key_hash'])
      .where('person_name_keys.person_id', 'in', candidates)
      .where('person_name_keys.key_hash', 'in', query.hashes)
      .execute(),
    opts.readableOnly ? Promise.resolve(new Set(candidates)) : readablePersonIds(trx, actor, candidates),
  ])
  const held = new Map<string, Set<string>>()
  for (const r of rows) held.set(r.person_id, (held.get(r.person_id) ?? new Set()).add(r.key_hash))
  const matches: NameMatch[] = []
  for (const personId of candidates) {
    const scored = query.score(held.get(personId) ?? new Set())
    const mayRead = readable.has(personId)
    const counted = mayRead ? scored?.best : scored?.identifying
    if (counted) matches.push({ personId, readable: mayRead, score: counted.score, exact: counted.exact })
  }
  return matches.sort((a, b) => b.score - a.score || Number(b.readable) - Number(a.readable) || a.personId.localeCompare(b.personId))
}

/** The persons with this person code (at most one). */
export async function idsByCode(trx: Trx, code: string): Promise<string[]> {
  return (await trx.selectFrom('persons').select('persons.id').where('persons.code', '=', code).execute()).map((r) => r.id)
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
    .execute()
}

/**
 * "First Last" of persons the caller's response shows because they are the clients of cases the
 * caller may see (lists of cases); the keys fetched record them on the audit entry.
 */
export async function personNames(ctx: RequestContext, trx: Trx, personIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(personIds)]
  if (ids.length === 0) return new Map()
  const [rows, keys] = await Promise.all([
    trx
      .selectFrom('persons')
      .select(['persons.id', 'persons.first_name_sealed', 'persons.last_name_sealed'])
      .where('persons.id', 'in', ids)
      .execute(),
    ctx.codec.personKeys(trx, ids),
  ])
  const names = new Map<string, string>()
  for (const row of rows) {
    const key = keys.get(row.id)
    if (!key) continue
    const plain = ctx.codec.openRow('persons', key, row.id, row)
    names.set(row.id, `${String(plain.first_name)} ${String(plain.last_name)}`)
  }
  return names
}
