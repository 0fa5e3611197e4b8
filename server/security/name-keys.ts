import { doubleMetaphone } from 'double-metaphone'
import { nameTokens, normaliseName } from '../../common/person-search'
import { givenNameHeads } from './name-lexicon'

/**
 * Search keys for names, computed without storing the names (docs/adr/0009-name-matching.md).
 * A word has several keys, from most to least precise: as spelt (`n:`), as spelt once the
 * transliteration habits of Belgium's French, Dutch, Arabic, Turkish and Balkan names are folded
 * (`t:`), as heard (`m:`, Double Metaphone, primary and alternate codes, of the folded spelling),
 * and for short words a first letter and length (`b:`), where sound codes say too little; given
 * names also get the names they stand for by an open lexicon (`g:`, name-lexicon.ts). The keys
 * only find candidates: the ranking compares the names themselves (name-rank.ts).
 */
export const normalise = normaliseName
export const tokens = nameTokens

/**
 * Spellings of one sound that transliterations choose between. Some letters are read several ways
 * by the languages here, so a word folds in a few ways: "ch" is French sh (Rachid, Rashid),
 * Slavic and German kh (Michail, Mikhail) or Italian and English k (Nicholas, Nikola); "j" and "w"
 * are French and English j and w or Slavic and German y and v (Jurij, Yuri; Wladimir, Vladimir);
 * Balkan "dj" is a d for those who drop the stroke of Đ, a j for Algerian Djamel. Latin given
 * names are also read without their -us (Ricardus, Richard), Spanish ones without the e before
 * s and a consonant (Esteban, Stefan).
 */
export function folds(word: string): string[] {
  const w = normalise(word).replace(/[^a-z]/g, '')
  if (!w) return []
  const base = w
    // Dutch writes French "you" as "joe": Joesoef is Youssef.
    .replace(/^joe/, 'you')
    .replace(/tsj|tsch|tch/g, 'ch')
    // Hungarian cs and Polish cz are ch, Hungarian and Polish sz an s (Vlagyimirovics, Wiaczesław).
    .replace(/cs|cz/g, 'ch')
    .replace(/sz/g, 's')
    // Hungarian gy before a vowel is a dj (Vlagyimir, Gyula).
    .replace(/gy(?=[aeiou])/g, 'dj')
    // Balkan and Slavic -ić, -ich: written -ich, -itch, -itsj or -ic.
    .replace(/ich$/, 'ic')
    .replace(/ck|cq|q/g, 'k')
    .replace(/x/g, 'ks')
    // "ch" before r or l is a k in every language here (Christophe, Chloé).
    .replace(/ch(?=[rl])/g, 'k')
    .replace(/sch|sh/g, 's')
    .replace(/kh/g, 'h')
    .replace(/gh/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/c(?=[aou]|$)/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/oe|ou|oo/g, 'u')
    // Lefebvre: the b is not heard.
    .replace(/bv/g, 'v')
    .replace(/ae|aa/g, 'a')
    .replace(/ee/g, 'e')
  const out = new Set<string>()
  // Latin forms of given names end in -us (Ricardus, Ernestus, Claudius): also read without it.
  const stems = [base]
  if (/[^aeiou]i?us$/.test(base) && base.length >= 6) stems.push(base.slice(0, -2))
  // Spanish and Catalan put an e before s and a consonant (Esteban, Escipión): also read without it.
  if (/^es[^aeiouy]/.test(base)) stems.push(base.slice(1))
  for (const stem of stems)
    for (const reading of [
      // French, Dutch, Arabic: ch is sh, Dutch ij is a y (but not before a vowel: Khadija).
      stem.replace(/ch/g, 's').replace(/ij(?![aeiou])|ei|ey/g, 'y'),
      // Slavic and German: ch is kh, j and y are one sound, w is v.
      stem.replace(/ch/g, 'h').replace(/w/g, 'v').replace(/[jy]/g, 'i'),
      // Italian, English and Greek: ch is k (Chiara, Nicholas, Zacharias).
      ...(stem.includes('ch') ? [stem.replace(/ch/g, 'k')] : []),
    ])
      for (const dj of [reading.replace(/dj|dz/g, 'j'), reading.replace(/dj|dz/g, 'd')]) {
        const single = dj.replace(/(.)\1+/g, '$1')
        // A final e after a consonant is silent (Rayane, Yassine, Imane).
        out.add(single.length > 2 ? single.replace(/([^aeiouy])e$/, '$1') : single)
      }
  return [...out]
}

/** Words this short are matched as spelt, folded or by bucket, never by sound alone. */
export const MIN_SOUND_LENGTH = 3
/** Words up to this long also get a first-letter-and-length bucket. */
export const MAX_BUCKET_LENGTH = 5

/** Longer words also get the first letters of each folded form: Georges and George, Janssen and Janssens. */
export const PREFIX_LENGTH = 4

/**
 * Beginnings of a word as spelt (`p:`), from three letters: "Jul" finds Julien, "Élo" Élodie
 * (accents and case are folded first). Two letters say too little to be a key. Each prefix is a
 * keyed hash like every other key; what it gives away, and why prefixes never find a person the
 * caller may not open, is in docs/adr/0012-prefix-name-search.md.
 */
export const MIN_PREFIX_LENGTH = 3
/** Longer beginnings add rows and say nothing a fuller query does not: typing on, a whole word matches as spelt. */
export const MAX_PREFIX_LENGTH = 10

/** The prefix keys of one word as written (normalised): its first 3, 4, … letters, short of the whole word. */
export function prefixKeys(word: string): string[] {
  const out: string[] = []
  for (let n = MIN_PREFIX_LENGTH; n < word.length && n <= MAX_PREFIX_LENGTH; n++) out.push(`p:${word.slice(0, n)}`)
  return out
}

/** Folded words this long or longer also get their one-letter deletions (`d:`): shorter ones would meet too many. */
export const MIN_DELETION_LENGTH = 4

/**
 * A word, folded and as written, and each of its one-letter deletions (`d:`), the symmetric deletion neighbourhood
 * of spelling correctors: two words share one of these when one letter was changed, added or
 * dropped, or two letters swapped (Gneo and Cneo, Henric and Enrico, Alexandria and Alessandria
 * once folded), which sound codes miss when the change is heard. Each is a keyed hash like the others.
 */
export function deletionKeys(word: string): string[] {
  const out = new Set<string>()
  // The word as written too: folding can set two spellings apart (Bohemia keeps its oe, Boemia
  // reads it as u), and a deletion from the written word brings them back together.
  for (const f of new Set([...folds(word), normalise(word).replace(/[^a-z]/g, '')])) {
    if (f.length < MIN_DELETION_LENGTH) continue
    out.add(`d:${f}`)
    for (let i = 0; i < f.length; i++) out.add(`d:${f.slice(0, i)}${f.slice(i + 1)}`)
  }
  return [...out]
}

/**
 * A query word's folded beginnings from half its length (and four letters), short of the last two
 * letters (one letter short is a deletion already): they meet a name that is the word shortened,
 * whole (Hansen finds Hans, Ludwig Ludw), through its `d:` key of itself. The reverse of `p:`,
 * where the query is the shorter: here the name must be at least half of what was typed.
 */
export function shortenedKeys(word: string): string[] {
  const out = new Set<string>()
  for (const f of folds(word))
    for (let n = Math.max(MIN_DELETION_LENGTH, Math.ceil(f.length / 2)); n <= f.length - 2; n++) out.add(`d:${f.slice(0, n)}`)
  return [...out]
}

/**
 * A query word's folded forms with two letters dropped (from six letters, so that four remain),
 * looked up among the stored `d:` keys: they meet names two or three changes away (Habsburgo and
 * Asburgo, Gneo and Cneu), which one deletion on each side misses. Only the query has them: a
 * search carries a few hundred keys, while every person would have stored tens more.
 */
export function doubleDeletionKeys(word: string): string[] {
  const out = new Set<string>()
  for (const f of folds(word)) {
    if (f.length < MIN_DELETION_LENGTH + 2) continue
    for (let i = 0; i < f.length; i++)
      for (let j = i + 1; j < f.length; j++) out.add(`d:${f.slice(0, i)}${f.slice(i + 1, j)}${f.slice(j + 1)}`)
  }
  return [...out]
}

/** The keys of one word as stored: as spelt, folded, heard, and loosely (first letters, or for short words a bucket). */
export function wordKeys(word: string): { exact: string; folded: string[]; sound: string[]; bucket: string[] } {
  const fs = folds(word)
  const heard = [word, ...fs].flatMap((f) => doubleMetaphone(f)).filter(Boolean)
  const sound = word.length >= MIN_SOUND_LENGTH ? [...new Set(heard)].map((k) => `m:${k}`) : []
  const short = word.length >= 2 ? [`b:${word[0]}${word.length}`] : []
  const prefixes = [...new Set(fs.filter((f) => f.length > PREFIX_LENGTH).map((f) => `b:${f.slice(0, PREFIX_LENGTH)}`))]
  return {
    exact: `n:${word}`,
    folded: fs.map((f) => `t:${f}`),
    sound,
    bucket: word.length <= MAX_BUCKET_LENGTH ? [...short, ...prefixes] : prefixes,
  }
}

/** The loose keys a query word looks in: its first letter, one letter shorter or longer; or its first letters. */
function queryBuckets(word: string): string[] {
  const prefixes = wordKeys(word).bucket.filter((b) => b.length === PREFIX_LENGTH + 2)
  if (word.length < 2 || word.length > MAX_BUCKET_LENGTH + 1) return prefixes
  const sized = [word.length - 1, word.length, word.length + 1]
    .filter((n) => n >= 2 && n <= MAX_BUCKET_LENGTH)
    .map((n) => `b:${word[0]}${n}`)
  return [...sized, ...prefixes]
}

/** Every run of two or more neighbouring words, joined: "van den berg" gives vanden, denberg, vandenberg. */
function joinedRuns(parts: string[], longest = parts.length): { from: number; to: number; text: string }[] {
  const runs = []
  for (let from = 0; from < parts.length; from++)
    for (let to = from + 1; to < Math.min(parts.length, from + longest); to++)
      runs.push({ from, to, text: parts.slice(from, to + 1).join('') })
  return runs
}

/**
 * The keys of one name part (first names, last name or another name): each word and each run of
 * neighbouring words joined, so that "Van den Berg", "Vandenberg" and "Vanden Berg" meet.
 */
export function nameKeys(name: string): string[] {
  const parts = tokens(name)
  const keys = new Set<string>()
  const words = [...parts, ...joinedRuns(parts).map((r) => r.text)]
  for (const text of words) {
    const k = wordKeys(text)
    for (const key of [k.exact, ...k.folded, ...k.sound]) keys.add(key)
  }
  // Loose keys and beginnings for the words as written only, not for runs joined.
  for (const text of parts) for (const b of [...wordKeys(text).bucket, ...prefixKeys(text), ...deletionKeys(text)]) keys.add(b)
  return [...keys]
}

/**
 * The keys of a given name (first or other names) by the lexicon: each word's heads, itself
 * included (name-lexicon.ts), so that Pierre and Pietro meet at Peter and Phil meets Philip.
 */
export function givenNameKeys(name: string): string[] {
  return [...new Set(tokens(name).flatMap((w) => givenNameHeads(w).map((h) => `g:${h}`)))]
}

/**
 * How much a key says, from spelt (3) to bucketed (0.5): the pre-ranking before names are
 * compared. A lexicon key (`g`) weighs as heard: it names another name, not this spelling; so
 * does a beginning (`p`): the letters typed are the name's, but the rest is unknown; and so do a
 * deletion (`d`) and the word typed shortened (`s`, a query's only): a letter or two apart. A
 * query's double deletions weigh as buckets (`b`).
 */
export const KEY_WEIGHT = { n: 3, t: 2, m: 1, g: 1, p: 1, d: 1, s: 1, b: 0.5 } as const
export type KeyKind = keyof typeof KEY_WEIGHT

/**
 * A query cut into pieces that a name key may match: each word, and each run of up to four
 * neighbouring words joined ("el khattabi" may match "Elkhattabi"). A person matches a query when
 * its words can be split into pieces that each match one of their keys.
 */
export type QuerySegment = { from: number; to: number; keys: { key: string; kind: KeyKind }[] }

export function querySegments(query: string): { words: string[]; segments: QuerySegment[] } {
  const words = tokens(query)
  const segments: QuerySegment[] = []
  const add = (from: number, to: number, text: string, single: boolean) => {
    const k = wordKeys(text)
    const keys: { key: string; kind: KeyKind }[] = [{ key: k.exact, kind: 'n' }]
    for (const f of k.folded) keys.push({ key: f, kind: 't' })
    for (const s of k.sound) keys.push({ key: s, kind: 'm' })
    if (single) for (const b of queryBuckets(text)) keys.push({ key: b, kind: 'b' })
    if (single) for (const h of givenNameHeads(text)) keys.push({ key: `g:${h}`, kind: 'g' })
    if (single) for (const d of deletionKeys(text)) keys.push({ key: d, kind: 'd' })
    if (single) for (const d of shortenedKeys(text)) keys.push({ key: d, kind: 's' })
    // Two letters dropped from the word typed meet a name with one dropped: a loose key, weighed as a bucket.
    if (single) for (const d of doubleDeletionKeys(text)) keys.push({ key: d, kind: 'b' })
    // The word typed may be the beginning of a longer one: its own letters are the prefix key.
    if (single && text.length >= MIN_PREFIX_LENGTH && text.length <= MAX_PREFIX_LENGTH) keys.push({ key: `p:${text}`, kind: 'p' })
    segments.push({ from, to, keys: keys.filter((x, i) => keys.findIndex((y) => y.key === x.key) === i) })
  }
  words.forEach((w, i) => add(i, i, w, true))
  for (const run of joinedRuns(words, 4)) add(run.from, run.to, run.text, false)
  return { words, segments }
}
