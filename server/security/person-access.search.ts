import type { Actor, Trx } from '../http/context'
import type { Codec } from './codec'
import type { NameQuery } from './name-index'
import { eligibleByKeys, identifiesAnyway, type OpenedNames, rankOpened } from './name-rank'
import { readablePersonIds } from './person-access.open'
import { PRESELECTED, preselectByKeys } from './person-access.preselect'

/** The name search of the persons door (person-access.ts): by keyed hashes of name keys, never by plaintext. */

/** A person a name search found, and how well: see docs/adr/0006 and 0009. */
export type NameMatch = { personId: string; readable: boolean; score: number; exact: boolean }

/** At most this many candidates, best keys first, have their names opened and compared. */
export const COMPARED = 15

/** What the search needs of the codec to open the names it compares (the recording codec records each). */
export type NameOpener = { personKeys: Codec['personKeys']; openRow: Codec['openRow'] }

/**
 * The persons whose name keys match every word of the query, the `limit` best first, and whether
 * there were more. A person the actor may read is found by any match; any other person only when
 * two different parts of the query matched their first and their last name (a family name alone
 * lists a family, not a person). With `readableOnly` (broad queries), only persons the actor may
 * read are looked at. The database sums, per person, the weight of the best key each query word
 * matched and returns the `PRESELECTED` best; their matched keys are scored here (first and last
 * name told apart), and the `COMPARED` best of those have their names opened and are ranked by
 * how alike the names are (name-rank.ts), exact spellings and the given birth year first.
 */
export async function searchByName(
  trx: Trx,
  actor: Actor,
  query: NameQuery,
  q: string,
  opts: { readableOnly: boolean; limit: number; codec: NameOpener; birthYear?: number | null },
): Promise<{ matches: NameMatch[]; capped: boolean; compared: number; rows: Awaited<ReturnType<typeof nameRows>> }> {
  const none = { matches: [], capped: false, compared: 0, rows: [] }
  const hashes = query.hashes
  const perWord = query.weightedPerWord
  if (perWord.length === 0 || hashes.length === 0) return none
  const preselected = await preselectByKeys(trx, actor, perWord, opts.readableOnly)
  const candidates = preselected.slice(0, PRESELECTED).map((r) => r.person_id)
  if (candidates.length === 0) return none
  // The keys of their names' sets (namesakes share one), of which scoring looks at those matched.
  const setOf = new Map(preselected.slice(0, PRESELECTED).map((r) => [r.person_id, r.set_hash]))
  const sets = [...new Set(setOf.values())]
  const asked = new Set(hashes)
  const setKeys = new Map<string, Set<string>>()
  for (const r of await trx
    .selectFrom('name_set_keys')
    .select(['name_set_keys.set_hash', 'name_set_keys.key_hash'])
    .where('name_set_keys.set_hash', 'in', sets)
    .execute())
    if (asked.has(r.key_hash)) setKeys.set(r.set_hash, (setKeys.get(r.set_hash) ?? new Set()).add(r.key_hash))
  const held = new Map(candidates.map((id) => [id, setKeys.get(setOf.get(id)!) ?? new Set<string>()]))
  const wordHashes = query.perWordAndField
  const scored = candidates.flatMap((personId) => {
    const keys = held.get(personId) ?? new Set()
    const s = query.score(keys)
    return s ? [{ personId, ...s, matched: query.coverage(keys, wordHashes) }] : []
  })
  // Whether the actor may read a person matters to finding them only where the best reading and
  // the best reading naming first and last name differ: ask the database about those alone (the
  // question costs by the person asked about: asking about all 50 at once was slower).
  const readable = opts.readableOnly
    ? new Set(candidates)
    : await readablePersonIds(
        trx,
        actor,
        scored.filter((x) => !identifiesAnyway(x)).map((x) => x.personId),
      )
  const eligible = eligibleByKeys(scored, (id) => readable.has(id))
  const compared = eligible.slice(0, COMPARED)
  // The names compared are opened with each person's key (the recording codec puts them on the audit entry).
  const ids = compared.map((c) => c.personId)
  const [sealed, keys] = await Promise.all([nameRows(trx, ids), opts.codec.personKeys(trx, ids)])
  const opened = new Map<string, { names: OpenedNames; birthYear: number | null }>()
  for (const row of sealed) {
    const key = keys.get(row.id)
    if (!key) continue
    const plain = opts.codec.openRow('persons', key, row.id, row)
    opened.set(row.id, {
      names: { firstName: plain.first_name, lastName: plain.last_name, otherNames: plain.other_names ?? [] },
      birthYear: plain.birth_year,
    })
  }
  const ranked = rankOpened(q, compared, opened, opts.birthYear ?? null)
  const shown = ranked.slice(0, opts.limit)
  const unknown = opts.readableOnly ? [] : shown.filter((m) => !readable.has(m.personId)).map((m) => m.personId)
  for (const id of await readablePersonIds(trx, actor, unknown)) readable.add(id)
  const shownIds = new Set(shown.map((m) => m.personId))
  return {
    matches: shown.map((m) => ({
      personId: m.personId,
      readable: readable.has(m.personId),
      exact: m.exact,
      score: m.exact ? 100 : Math.min(99, Math.round(m.similarity * 100)),
    })),
    capped: ranked.length > opts.limit || eligible.length > COMPARED || preselected.length > PRESELECTED,
    compared: keys.size,
    // What a result shows of them, already read: the caller need not read it again.
    rows: sealed.filter((r) => shownIds.has(r.id)),
  }
}

/** The sealed names and birth year of persons a search compares, with what a result shows of them (`searchRows`). */
function nameRows(trx: Trx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('persons')
    .select([
      'persons.id',
      'persons.code',
      'persons.first_name_sealed',
      'persons.last_name_sealed',
      'persons.other_names_sealed',
      'persons.birth_year_sealed',
      'persons.postcode',
    ])
    .where('persons.id', 'in', ids)
    .where('persons.erased_at', 'is', null)
    .execute()
}
