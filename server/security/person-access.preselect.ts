import { PostgresAdapter, sql } from 'kysely'
import type { Actor, Trx } from '../http/context'
import { readableBy } from './person-access.open'

/**
 * The name search's first step, in the database (person-access.search.ts for the rest): the
 * persons holding keys of every word of the query, best key pre-score first (docs/adr/0009).
 */

/** The candidates with the best key pre-score (summed in the database) whose keys are scored here. */
export const PRESELECTED = 50

/** At most this many sets are named in one statement (a score shared by many sets is read in parts). */
const SETS_PER_STATEMENT = 2000

/**
 * Per set of name keys holding keys of the query, the pre-score of `NameQuery.preScore` (doubled,
 * so whole numbers): for each word, the weight of the best of its keys held, summed over the
 * words, for sets holding a key of every word. The query's keys are a small table joined on the
 * index of `name_set_keys`; only the matched key rows are read, once per distinct name and not
 * once per person bearing it.
 */
function setScores(perWord: Map<string, number>[], postgres: boolean) {
  const keys = perWord.flatMap((weights, word) => [...weights].map(([hash, w]) => ({ hash, word, weight: w * 2 })))
  // On PostgreSQL three arrays, one parameter each: planning a values list of some 400 rows took
  // longer than running the query. SQLite has no arrays, and parses the list fast.
  const q = postgres
    ? sql`select * from unnest(${keys.map((k) => k.hash)}::text[], ${keys.map((k) => k.word)}::int[], ${keys.map((k) => k.weight)}::int[])`
    : sql`values ${sql.join(keys.map((k) => sql`(${k.hash}, ${sql.lit(k.word)}, ${sql.lit(k.weight)})`))}`
  // One pass, grouped by set only: per word the best weight (null when the word holds no key).
  const best = perWord.map((_, word) => sql`max(case when q.word = ${sql.lit(word)} then q.weight end)`)
  return sql<{ set_hash: string; points: number }>`with q (hash, word, weight) as (${q})
    select k.set_hash, ${sql.join(best, sql` + `)} as points
    from q join name_set_keys k on k.key_hash = q.hash
    group by k.set_hash
    having ${sql.join(
      best.map((b) => sql`${b} > 0`),
      sql` and `,
    )}`
}

/** The first `limit` persons by id bearing one of these sets whom a search may find, with their set. */
async function bearers(trx: Trx, actor: Actor, sets: string[], readableOnly: boolean, limit: number) {
  return (
    trx
      .selectFrom('person_name_sets')
      .select(['person_name_sets.person_id', 'person_name_sets.set_hash'])
      .where('person_name_sets.set_hash', 'in', sets)
      // A person whose data key was destroyed (erased) can show nothing, so is no match.
      .where((eb) =>
        eb.exists(
          eb.selectFrom('person_keys').select('person_keys.person_id').whereRef('person_keys.person_id', '=', 'person_name_sets.person_id'),
        ),
      )
      // Nor is a restricted person, whoever searches.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('persons')
              .select('persons.id')
              .whereRef('persons.id', '=', 'person_name_sets.person_id')
              .where('persons.restricted', '=', 1),
          ),
        ),
      )
      .$if(readableOnly, (qb) =>
        qb.where((eb) =>
          eb.exists(
            eb
              .selectFrom('persons')
              .select('persons.id')
              .whereRef('persons.id', '=', 'person_name_sets.person_id')
              .where(readableBy(actor)),
          ),
        ),
      )
      .orderBy('person_name_sets.person_id')
      .limit(limit)
      .execute()
  )
}

/**
 * The `PRESELECTED` + 1 best persons for these keys, by pre-score (doubled weights) and then by id,
 * best first, each with the set of keys their name makes. The sets matching the query are scored first; their bearers are then read a score
 * at a time, from the best down, until enough are found: persons named alike share one set and
 * one score, so a search reads the bearers of the few best names and never every person bearing
 * a name the query only sounds like. The order is the one a sum over each person's keys gives
 * (name-preselect.api.test.ts).
 */
export async function preselectByKeys(trx: Trx, actor: Actor, perWord: Map<string, number>[], readableOnly: boolean) {
  const sets = await setScores(perWord, trx.getExecutor().adapter instanceof PostgresAdapter).execute(trx)
  const byPoints = new Map<number, string[]>()
  for (const r of sets.rows) {
    const points = Number(r.points)
    const level = byPoints.get(points)
    if (level) level.push(r.set_hash)
    else byPoints.set(points, [r.set_hash])
  }
  const out: { person_id: string; points: number; set_hash: string }[] = []
  for (const points of [...byPoints.keys()].sort((a, b) => b - a)) {
    const level = byPoints.get(points)!
    const need = PRESELECTED + 1 - out.length
    const found: { person_id: string; set_hash: string }[] = []
    for (let i = 0; i < level.length; i += SETS_PER_STATEMENT)
      found.push(...(await bearers(trx, actor, level.slice(i, i + SETS_PER_STATEMENT), readableOnly, need)))
    // Read in parts, the first `need` by id of all the parts (ids are UUIDs: one order everywhere).
    if (level.length > SETS_PER_STATEMENT) found.sort((a, b) => (a.person_id < b.person_id ? -1 : 1))
    for (const bearer of found.slice(0, need)) out.push({ ...bearer, points })
    if (out.length > PRESELECTED) break
  }
  return out
}
