import { sql } from 'kysely'
import type { Actor, Trx } from '../http/context'
import { KEY_WEIGHT } from './name-keys'
import { readableBy } from './person-access.open'

/**
 * The name search's first step, in the database (person-access.search.ts for the rest): the
 * persons holding keys of every word of the query, best key pre-score first (docs/adr/0009).
 */

/** The candidates with the best key pre-score (summed in the database) whose keys are scored here. */
export const PRESELECTED = 50

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
  const ceiling =
    2 * (KEY_WEIGHT.n * (words - 1) + Math.max(KEY_WEIGHT.m, KEY_WEIGHT.g, KEY_WEIGHT.p, KEY_WEIGHT.d, KEY_WEIGHT.s, KEY_WEIGHT.b))
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
    // Nor is a restricted person, whoever searches.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('persons').select('persons.id').whereRef('persons.id', '=', 'm.person_id').where('persons.restricted', '=', 1),
        ),
      ),
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
 * The `PRESELECTED` + 1 best persons for these keys, best first. Spelt and folded keys first:
 * their 50th candidate, when it scores above what any person matching a word only as heard or
 * loosely can reach, makes the answer whole without reading the heard and loose keys, which
 * common names share with thousands (strictPassSuffices).
 */
export async function preselectByKeys(trx: Trx, actor: Actor, perWord: Map<string, number>[], readableOnly: boolean) {
  const strict = strictPass.worthTrying() ? strictPerWord(perWord) : null
  let preselected = strict ? await preselect(trx, actor, strict, readableOnly) : null
  if (preselected) strictPass.record(strictPassSuffices(preselected, perWord.length))
  if (!preselected || !strictPassSuffices(preselected, perWord.length)) preselected = await preselect(trx, actor, perWord, readableOnly)
  return preselected
}
