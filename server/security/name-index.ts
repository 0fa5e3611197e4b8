import crypto from 'node:crypto'
import { givenNameKeys, KEY_WEIGHT, type KeyKind, nameKeys, querySegments } from './name-keys'

/**
 * How the stored keys are made. Raise it with any change to the keys (normalising, phonetic
 * rules, what is hashed): start-up then makes every person's keys again (security/name-reindex.ts).
 * 2: keys tagged with the part of the name they come from (ADR 0006).
 * 3: folded, Double Metaphone and bucket keys in place of the bespoke phonetic key (ADR 0009).
 * 4: given-name lexicon keys for first and other names (ADR 0009).
 * 5: beginnings of name words, from three letters (`p:`, ADR 0012).
 * 6: one-letter deletions of name words, folded and as written (`d:`, ADR 0009); Hungarian and
 *    Polish digraphs and Latin -us folded.
 * 7: the same keys, stored once per set of keys that names make (`name_set_keys`, migration 0062).
 */
export const NAME_INDEX_VERSION = 7

/** Which part of a person's name a key comes from: first names, last name, or another name. */
export type NameField = 'first' | 'last' | 'other'
const FIELDS: NameField[] = ['first', 'last', 'other']

/** The keys of one name part: its spelling keys, and for given names (first, other) the lexicon's. */
export function partKeys(field: NameField, part: string): string[] {
  return field === 'last' ? nameKeys(part) : [...nameKeys(part), ...givenNameKeys(part)]
}

/** The kinds of key a word spelt as typed holds every one of (`NameQuery.coverage`). */
const COVERED = new Set<KeyKind>(['n', 't', 'm', 'd', 'g'])

/** One way a query piece can match: this keyed hash, in this field, by this kind of key. */
type Alternative = { hash: string; field: NameField; kind: KeyKind }
type Piece = { from: number; to: number; alternatives: Alternative[] }

/** How well a person's name keys answer a query. */
export type NameScore = {
  /** 0–100: per query word, the weight of the best key it matched (KEY_WEIGHT), over the weight of spelt. */
  score: number
  /** Every query word matched as spelt. */
  exact: boolean
  /** Two different pieces of the query matched a first name and a last name (or another name). */
  identifies: boolean
}

/**
 * What a scoring pass carries along the query: which parts of the name have been matched, and
 * whether a piece matched only as the beginning of a word.
 */
type State = { first: boolean; last: boolean; others: number; prefix: boolean }
const key = (s: State) => `${s.first ? 1 : 0}${s.last ? 1 : 0}${Math.min(s.others, 2)}${s.prefix ? 1 : 0}`
/**
 * A reading names a person when it matches a first and a last name (or another name) by whole
 * words: beginnings never do (ADR 0012), so "Jul Dup" finds only persons the caller may open.
 */
const identifies = (s: State) => !s.prefix && Number(s.first) + Number(s.last) + Math.min(s.others, 2) >= 2

/**
 * A query, turned into keyed hashes once. `score` tries every way of cutting the query into
 * pieces that match the person's keys (words are few, so this is a small table, not a search)
 * and keeps the best cut, and the best cut that names both a first and a last name.
 */
export class NameQuery {
  constructor(
    readonly words: string[],
    private readonly pieces: Piece[],
  ) {}

  /** Every hash a matching person must hold some of. */
  get hashes(): string[] {
    return [...new Set(this.pieces.flatMap((p) => p.alternatives.map((a) => a.hash)))]
  }

  /** For each word, the hashes of every piece that covers it: a match holds one of each list. */
  get perWord(): string[][] {
    return this.words.map((_, i) => [
      ...new Set(this.pieces.filter((p) => p.from <= i && i <= p.to).flatMap((p) => p.alternatives.map((a) => a.hash))),
    ])
  }

  /**
   * For each word, each hash that covers it and the weight of its kind (the heaviest when a hash
   * covers a word in two ways): what the database sums to pick the few candidates worth scoring.
   */
  get weightedPerWord(): Map<string, number>[] {
    return this.words.map((_, i) => {
      const out = new Map<string, number>()
      for (const p of this.pieces) {
        if (p.from > i || i > p.to) continue
        for (const a of p.alternatives) out.set(a.hash, Math.max(out.get(a.hash) ?? 0, KEY_WEIGHT[a.kind]))
      }
      return out
    })
  }

  /**
   * The pre-score of a person holding these hashes: per word, the weight of the best key it
   * holds, summed; null when some word holds none. The database computes the same (person-access.preselect.ts).
   */
  preScore(held: Set<string>, perWord = this.weightedPerWord): number | null {
    let sum = 0
    for (const weights of perWord) {
      let best = 0
      for (const [hash, w] of weights) if (w > best && held.has(hash)) best = w
      if (best === 0) return null
      sum += best
    }
    return sum
  }

  /**
   * For each word, per part of the name, the hashes of the word's own keys that a word spelt the
   * same holds all of (as spelt, folded, heard, by deletions, by the lexicon): what `coverage`
   * counts a person's share of. Buckets of other lengths, beginnings and runs of words joined
   * are left out: a name spelt as typed holds none of them.
   */
  get perWordAndField(): string[][][] {
    return this.words.map((_, i) =>
      FIELDS.map((field) => [
        ...new Set(
          this.pieces
            .filter((p) => p.from === i && p.to === i)
            .flatMap((p) => p.alternatives.filter((a) => a.field === field && COVERED.has(a.kind)).map((a) => a.hash)),
        ),
      ]),
    )
  }

  /**
   * How much of each word's keys a person holds in the part of the name that holds most, summed
   * over the words (0 to the number of words): a finer measure than the best key, for persons
   * whose best keys tie. A word spelt alike holds nearly all of its keys (as spelt, folded, heard,
   * its deletions and beginnings), a word that only sounds alike a few.
   */
  coverage(held: Set<string>, perWordAndField = this.perWordAndField): number {
    let sum = 0
    for (const fields of perWordAndField) {
      let best = 0
      for (const hashes of fields) {
        if (hashes.length === 0) continue
        let n = 0
        for (const h of hashes) if (held.has(h)) n++
        best = Math.max(best, n / hashes.length)
      }
      sum += best
    }
    return sum
  }

  /** The best score of a person holding these hashes; null when some word matches nothing. */
  score(held: Set<string>): { best: NameScore; identifying: NameScore | null } | null {
    const n = this.words.length
    if (n === 0) return null
    // best[i]: for each state reached after the first i words, the most points.
    const best: Map<string, { state: State; points: number }>[] = Array.from({ length: n + 1 }, () => new Map())
    const start: State = { first: false, last: false, others: 0, prefix: false }
    best[0]!.set(key(start), { state: start, points: 0 })
    for (let i = 0; i < n; i++) {
      for (const { state, points } of best[i]!.values()) {
        for (const piece of this.pieces) {
          if (piece.from !== i) continue
          for (const alt of piece.alternatives) {
            if (!held.has(alt.hash)) continue
            const next: State = {
              first: state.first || alt.field === 'first',
              last: state.last || alt.field === 'last',
              others: state.others + (alt.field === 'other' ? 1 : 0),
              prefix: state.prefix || alt.kind === 'p',
            }
            const gained = points + KEY_WEIGHT[alt.kind] * (piece.to - piece.from + 1)
            const slot = best[piece.to + 1]!
            const k = key(next)
            if ((slot.get(k)?.points ?? -1) < gained) slot.set(k, { state: next, points: gained })
          }
        }
      }
    }
    const ends = [...best[n]!.values()]
    if (ends.length === 0) return null
    const full = KEY_WEIGHT.n * n
    const present = (points: number, ids: boolean): NameScore => ({
      score: Math.round((points / full) * 100),
      exact: points === full,
      identifies: ids,
    })
    const top = Math.max(...ends.map((e) => e.points))
    const named = ends.filter((e) => identifies(e.state))
    const topNamed = named.length ? Math.max(...named.map((e) => e.points)) : null
    return {
      best: present(
        top,
        named.some((e) => e.points === top),
      ),
      identifying: topNamed === null ? null : present(topNamed, true),
    }
  }
}

/** The keyed hashes of a person's name keys, and the keyed hash naming that set of keys. */
export type NameSet = { setHash: string; keys: string[] }

/**
 * Keyed hashes of name keys: the database can match them, but without the key nobody can
 * test a guessed name against it (a plain hash of "mohamed" would be found in a second). Each
 * key is hashed with the part of the name it comes from, so that a search can tell a first name
 * matched from a last name matched, still without the database knowing either.
 */
export class NameIndex {
  constructor(private readonly key: Buffer) {}

  hash(field: NameField, k: string): string {
    return crypto.createHmac('sha256', this.key).update(`${field}|${k}`).digest('base64url').slice(0, 22)
  }

  /**
   * A person's keys and the hash of the set they make: persons whose names make the same keys
   * (namesakes, and spellings the keys do not tell apart) share one set, stored once (ADR 0009).
   */
  personSet(names: { firstName: string; lastName: string; otherNames: string[] }): NameSet {
    const keys = this.personKeys(names).sort()
    const setHash = crypto
      .createHmac('sha256', this.key)
      .update(`set|${keys.join(' ')}`)
      .digest('base64url')
      .slice(0, 22)
    return { setHash, keys }
  }

  personKeys(names: { firstName: string; lastName: string; otherNames: string[] }): string[] {
    const keys = new Set<string>()
    const add = (field: NameField, part: string) => {
      for (const k of partKeys(field, part)) keys.add(this.hash(field, k))
    }
    add('first', names.firstName)
    add('last', names.lastName)
    for (const other of names.otherNames) add('other', other)
    return [...keys]
  }

  query(q: string): NameQuery {
    const { words, segments } = querySegments(q)
    const pieces = segments.map((s) => ({
      from: s.from,
      to: s.to,
      // Lexicon keys are held by given names only (partKeys).
      alternatives: FIELDS.flatMap((field) =>
        s.keys.filter((k) => k.kind !== 'g' || field !== 'last').map((k) => ({ hash: this.hash(field, k.key), field, kind: k.kind })),
      ),
    }))
    return new NameQuery(words, pieces)
  }
}
