import { type ExpressionBuilder, sql } from 'kysely'
import type { Actor, RequestContext, Trx } from '../http/context'
import { fail } from '../http/errors'
import { personReachableThroughCase } from './case-access'
import type { Codec } from './codec'
import type { NameQuery } from './name-index'
import { KEY_WEIGHT } from './name-keys'
import { eligibleByKeys, identifiesAnyway, type OpenedNames, rankOpened } from './name-rank'

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

/** A person a name search found, and how well: see docs/adr/0006 and 0009. */
export type NameMatch = { personId: string; readable: boolean; score: number; exact: boolean }

/** The candidates with the best key pre-score (summed in the database) whose keys are scored here. */
export const PRESELECTED = 50
/** At most this many candidates, best keys first, have their names opened and compared. */
export const COMPARED = 15

/** What the search needs of the codec to open the names it compares (the recording codec records each). */
export type NameOpener = { personKeys: Codec['personKeys']; openRow: Codec['openRow'] }

/**
 * Per person holding keys of the query, the pre-score of `NameQuery.preScore` (doubled, so whole
 * numbers): for each word, the weight of the best of its keys held, summed over the words, for
 * persons holding a key of every word. The query's keys are a small table joined on the index of
 * `person_name_keys`; only the matched key rows are read.
 */
function preScores(perWord: Map<string, number>[]) {
  const rows = perWord.flatMap((weights, word) => [...weights].map(([hash, w]) => sql`(${hash}, ${sql.lit(word)}, ${sql.lit(w * 2)})`))
  // One pass, grouped by person only: per word the best weight (null when the word holds no key).
  const best = perWord.map((_, word) => sql`max(case when q.word = ${sql.lit(word)} then q.weight end)`)
  return sql<{ person_id: string; points: number }>`(with q (hash, word, weight) as (values ${sql.join(rows)})
    select k.person_id, ${sql.join(best, sql` + `)} as points
    from q join person_name_keys k on k.key_hash = q.hash
    group by k.person_id
    having ${sql.join(
      best.map((b) => sql`${b} > 0`),
      sql` and `,
    )})`
}

/** Per word, its spelt and folded keys only; null when some word has none (a query of runs only). */
function strictPerWord(perWord: Map<string, number>[]): Map<string, number>[] | null {
  const strict = perWord.map((weights) => new Map([...weights].filter(([, w]) => w >= KEY_WEIGHT.t)))
  return strict.every((w) => w.size > 0) ? strict : null
}

/**
 * Whether the strict pass's answer is the full pass's. A person holding a spelt or folded key of
 * every word has the same pre-score in both (those keys outweigh heard and loose ones); anyone
 * else matches some word at most as heard, so scores at most spelt on the other words plus heard
 * on that one. When more than `PRESELECTED` persons passed strictly and the last of the first
 * `PRESELECTED` scores above that ceiling, nobody else can enter them, and there were more.
 */
export function strictPassSuffices(strict: { points: number }[], words: number): boolean {
  const ceiling = 2 * (KEY_WEIGHT.n * (words - 1) + Math.max(KEY_WEIGHT.m, KEY_WEIGHT.g, KEY_WEIGHT.p, KEY_WEIGHT.b))
  return strict.length > PRESELECTED && strict[PRESELECTED - 1]!.points > ceiling
}

/**
 * Whether the strict pass is worth trying. It reads about a third of the key rows of the full
 * pass, so it pays when it suffices more than about a third of the time: on large registers
 * (three searches in four at 200,000 synthetic persons), hardly ever on small ones, where fewer
 * than 50 persons match strictly and the full pass follows anyway. The odds are learnt from the
 * searches made (a moving average, no query or person kept) and the strict pass is still tried
 * one search in `RETRY_EVERY` while it does not pay, so that a register that grows is noticed.
 * Either way the answer is the same: only what it costs changes.
 */
export class StrictPassOdds {
  static readonly RETRY_EVERY = 16
  private odds = 1
  private skipped = 0

  worthTrying(): boolean {
    if (this.odds >= 0.35 || ++this.skipped >= StrictPassOdds.RETRY_EVERY) {
      this.skipped = 0
      return true
    }
    return false
  }

  record(sufficed: boolean): void {
    this.odds = this.odds * 0.9 + (sufficed ? 0.1 : 0)
  }
}
const strictPass = new StrictPassOdds()

/** The `PRESELECTED` + 1 best persons by pre-score over these keys (doubled weights), best first. */
async function preselect(trx: Trx, actor: Actor, perWord: Map<string, number>[], readableOnly: boolean) {
  // Driven from the matched keys, never from the persons table, so that a search reads what it
  // matched and not the register.
  const rows = await trx
    .selectFrom(preScores(perWord).as('m'))
    .select(['m.person_id', 'm.points'])
    // A person whose data key was destroyed (erased) can show nothing, so is no match.
    .where((eb) =>
      eb.exists(eb.selectFrom('person_keys').select('person_keys.person_id').whereRef('person_keys.person_id', '=', 'm.person_id')),
    )
    .$if(readableOnly, (qb) =>
      qb.where((eb) =>
        eb.exists(eb.selectFrom('persons').select('persons.id').whereRef('persons.id', '=', 'm.person_id').where(readableBy(actor))),
      ),
    )
    .orderBy('m.points', 'desc')
    .orderBy('m.person_id')
    .limit(PRESELECTED + 1)
    .execute()
  return rows.map((r) => ({ person_id: r.person_id, points: Number(r.points) }))
}

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
): Promise<{ matches: NameMatch[]; capped: boolean; compared: number }> {
  const none = { matches: [], capped: false, compared: 0 }
  const hashes = query.hashes
  const perWord = query.weightedPerWord
  if (perWord.length === 0 || hashes.length === 0) return none
  // Spelt and folded keys first: their 50th candidate, when it scores above what any person
  // matching a word only as heard or loosely can reach, makes the answer whole without reading
  // the heard and loose keys, which common names share with thousands (strictPassSuffices).
  const strict = strictPass.worthTrying() ? strictPerWord(perWord) : null
  let preselected = strict ? await preselect(trx, actor, strict, opts.readableOnly) : null
  if (preselected) strictPass.record(strictPassSuffices(preselected, perWord.length))
  if (!preselected || !strictPassSuffices(preselected, perWord.length))
    preselected = await preselect(trx, actor, perWord, opts.readableOnly)
  const candidates = preselected.slice(0, PRESELECTED).map((r) => r.person_id)
  if (candidates.length === 0) return none
  // Their matched keys only (what scoring looks at), read by person.
  const rows = await trx
    .selectFrom('person_name_keys')
    .select(['person_name_keys.person_id', 'person_name_keys.key_hash'])
    .where('person_name_keys.person_id', 'in', candidates)
    .where('person_name_keys.key_hash', 'in', hashes)
    .execute()
  const held = new Map<string, Set<string>>()
  for (const r of rows) held.set(r.person_id, (held.get(r.person_id) ?? new Set()).add(r.key_hash))
  const scored = candidates.flatMap((personId) => {
    const s = query.score(held.get(personId) ?? new Set())
    return s ? [{ personId, ...s }] : []
  })
  // Whether the actor may read a person matters to finding them only where the best reading and
  // the best reading naming first and last name differ: ask the database about those alone.
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
  return {
    matches: shown.map((m) => ({
      personId: m.personId,
      readable: readable.has(m.personId),
      exact: m.exact,
      score: m.exact ? 100 : Math.min(99, Math.round(m.similarity * 100)),
    })),
    capped: ranked.length > opts.limit || eligible.length > COMPARED || preselected.length > PRESELECTED,
    compared: keys.size,
  }
}

/** The sealed names and birth year of persons a search compares. */
function nameRows(trx: Trx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('persons')
    .select([
      'persons.id',
      'persons.first_name_sealed',
      'persons.last_name_sealed',
      'persons.other_names_sealed',
      'persons.birth_year_sealed',
    ])
    .where('persons.id', 'in', ids)
    .execute()
}

/** The persons with this person code (at most one), unless their data key was destroyed. */
export async function idsByCode(trx: Trx, code: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.code', '=', code)
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
    names.set(row.id, `${plain.first_name} ${plain.last_name}`)
  }
  return names
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
