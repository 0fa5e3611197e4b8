import { doubleMetaphone } from 'double-metaphone'
import { folds, MIN_PREFIX_LENGTH, MIN_SOUND_LENGTH, tokens } from './name-keys'
import { equivalentGivenNames } from './name-lexicon'

/**
 * The ranking of a search's candidates by how alike their names are to the query, computed on
 * the names themselves once the few candidates found by keys are opened (docs/adr/0009-name-matching.md).
 */

/** Jaro–Winkler similarity, 0–1: common letters near each other, with a bonus for a shared start. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0
  if (!a.length || !b.length) return 0
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1)
  const aHit = new Array<boolean>(a.length).fill(false)
  const bHit = new Array<boolean>(b.length).fill(false)
  let matches = 0
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (bHit[j] || a[i] !== b[j]) continue
      aHit[i] = bHit[j] = true
      matches++
      break
    }
  }
  if (matches === 0) return 0
  let k = 0
  let halfTranspositions = 0
  for (let i = 0; i < a.length; i++) {
    if (!aHit[i]) continue
    while (!bHit[k]) k++
    if (a[i] !== b[k]) halfTranspositions++
    k++
  }
  const jaro = (matches / a.length + matches / b.length + (matches - halfTranspositions / 2) / matches) / 3
  let prefix = 0
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

/**
 * How much of `alike` is the similarity as written; the rest is as folded. Şahin and Shahin are
 * alike folded, while Vandenberghe stays closer to itself than to Vandenberg, which folds the
 * same. Measured on the tuning set (npm run name-eval): 0.3 put the right person first more often
 * than 0.5 or 0.15.
 */
export const AS_WRITTEN = 0.3

/**
 * The similarity of two words, mostly as folded (`AS_WRITTEN`). A final a that
 * one has and the other lacks is the feminine of an Arabic name (Karim and Karima, Rachid and
 * Rachida): a different person, so it weighs like a letter and more.
 */
export function alike(a: string, b: string, fold: (word: string) => string[] = folds): number {
  let folded = 0
  let feminine = false
  for (const fa of fold(a))
    for (const fb of fold(b)) {
      folded = Math.max(folded, jaroWinkler(fa, fb))
      if (fa === `${fb}a` || fb === `${fa}a`) feminine = true
    }
  const score = AS_WRITTEN * jaroWinkler(a, b) + (1 - AS_WRITTEN) * folded
  return feminine ? score * 0.9 : score
}

export type OpenedNames = { firstName: string; lastName: string; otherNames: string[] }

/** Each word of a name part and each run of its neighbouring words joined ("van den berg", "vandenberg"). */
function pieces(part: string): string[] {
  const words = tokens(part)
  const out = [...words]
  for (let from = 0; from < words.length; from++)
    for (let to = from + 1; to < words.length; to++) out.push(words.slice(from, to + 1).join(''))
  return out
}

/**
 * `folds`, each word folded once for one comparison (the query's words are met again for every
 * word of the name). Kept for one call only: no name outlives the search in memory.
 */
function foldsOnce(): (word: string) => string[] {
  const seen = new Map<string, string[]>()
  return (word) => {
    let f = seen.get(word)
    if (!f) seen.set(word, (f = folds(word)))
    return f
  }
}

/** The sound codes of a word's folded forms, each word coded once for one comparison. */
function soundsOnce(fold: (word: string) => string[]): (word: string) => Set<string> {
  const seen = new Map<string, Set<string>>()
  return (word) => {
    let codes = seen.get(word)
    if (!codes)
      seen.set(
        word,
        (codes = new Set(
          word.length < MIN_SOUND_LENGTH
            ? []
            : fold(word)
                .flatMap((f) => doubleMetaphone(f))
                .filter(Boolean),
        )),
      )
    return codes
  }
}
const sameSound = (a: Set<string>, b: Set<string>) => [...a].some((c) => b.has(c))

/**
 * How alike a person's names are to the query, 0–1: the better of the query's words each set
 * against the person's closest word, and the query joined set against the name joined, first name
 * first or last name first (the order people give their names in varies).
 */
export function nameSimilarity(query: string, names: OpenedNames): number {
  const words = tokens(query)
  if (words.length === 0) return 0
  const parts = [names.firstName, names.lastName, ...names.otherNames]
  const all = parts.flatMap(pieces)
  if (all.length === 0) return 0
  const fold = foldsOnce()
  const given = [names.firstName, ...names.otherNames].flatMap(tokens)
  const heard = soundsOnce(fold)
  const closest = (w: string) =>
    Math.max(
      ...all.map((p) => {
        const a = alike(w, p, fold)
        return sameSound(heard(w), heard(p)) ? a + (1 - a) * SOUND_LIFT : a
      }),
      ...given.filter((g) => equivalentGivenNames(w, g)).map((g) => EQUIVALENT_SIMILARITY + 0.1 * alike(w, g, fold)),
      w.length >= MIN_PREFIX_LENGTH && all.some((p) => p.startsWith(w)) ? PREFIX_SIMILARITY : 0,
    )
  const byWord = words.reduce((sum, w) => sum + closest(w), 0) / words.length
  const joined = words.join('')
  const first = tokens(names.firstName).join('')
  const last = tokens(names.lastName).join('')
  const whole = Math.max(alike(joined, first + last, fold), alike(joined, last + first, fold))
  return Math.max(byWord, whole)
}

/**
 * How alike a given name is at least to one the lexicon says it stands for (Pierre and Peter,
 * Phil and Philip), plus a tenth of their spellings' likeness: enough to be shown, and set on the
 * tuning set (npm run name-eval). It does not yet put a spelling heard alike first: for
 * "Muhammad", Mehmet (0.92) still comes before Mohammed (0.88).
 */
export const EQUIVALENT_SIMILARITY = 0.85

/**
 * How far two words that sound the same (a Double Metaphone code of their folded forms in
 * common) are lifted towards 1: Mohammed and Muhammad are heard alike before they are spelt alike.
 */
export const SOUND_LIFT = 0.3

/**
 * How alike a word is to a longer name it begins ("jul" and "julien"), when the spellings compare
 * less well (a short beginning of a long name): enough to be shown, less than a close spelling.
 */
export const PREFIX_SIMILARITY = 0.85

/** Below this, a candidate found only by loose keys (a bucket, a shared sound) is not shown. */
export const MIN_SIMILARITY = 0.8

export type RankedCandidate = { personId: string; exact: boolean; keyScore: number; similarity: number; birthYearMatches: boolean }

/** Exact spellings first, then a given birth year, then the most alike, then the best keys. */
export function compareCandidates(a: RankedCandidate, b: RankedCandidate): number {
  return (
    Number(b.exact) - Number(a.exact) ||
    Number(b.birthYearMatches) - Number(a.birthYearMatches) ||
    b.similarity - a.similarity ||
    b.keyScore - a.keyScore ||
    a.personId.localeCompare(b.personId)
  )
}

/** A candidate as the keys scored it: the reading that counts for this caller (ADR 0006). */
export type KeyScored = { personId: string; score: number; exact: boolean; matched: number }
type Reading = { score: number; exact: boolean }
/** `matched`: how much of the query's keys the person holds (`NameQuery.coverage`), which orders persons whose best keys tie. */
type Readings = { personId: string; best: Reading; identifying: Reading | null; matched: number }

/** Whether the best reading of the keys also names a first and a last name (then readability does not change it). */
export const identifiesAnyway = (x: Readings) => x.identifying?.score === x.best.score && x.identifying.exact === x.best.exact

/**
 * The candidates a caller may be shown, best keys first: a person they may read by their best
 * reading, anyone else only by a reading that names first and last name.
 */
export function eligibleByKeys(scored: Readings[], readable: (personId: string) => boolean): KeyScored[] {
  const out = scored.flatMap((x) => {
    const counted = readable(x.personId) || identifiesAnyway(x) ? x.best : x.identifying
    return counted ? [{ personId: x.personId, score: counted.score, exact: counted.exact, matched: x.matched }] : []
  })
  // Many persons tie on their best keys (a first name spelt, a last name heard); among them, one
  // whose words hold more of their keys (heard, by deletions, by beginnings) is nearer.
  return out.sort((a, b) => b.score - a.score || b.matched - a.matched || a.personId.localeCompare(b.personId))
}

/** The opened candidates ranked: those alike enough, exact spellings and the given birth year first. */
export function rankOpened(
  q: string,
  compared: KeyScored[],
  opened: Map<string, { names: OpenedNames; birthYear: number | null }>,
  birthYear: number | null,
): RankedCandidate[] {
  const ranked: RankedCandidate[] = []
  for (const c of compared) {
    const person = opened.get(c.personId)
    if (!person) continue
    const similarity = c.exact ? 1 : nameSimilarity(q, person.names)
    if (similarity < MIN_SIMILARITY) continue
    ranked.push({
      personId: c.personId,
      exact: c.exact,
      keyScore: c.score,
      similarity,
      birthYearMatches: birthYear != null && person.birthYear === birthYear,
    })
  }
  return ranked.sort(compareCandidates)
}
