import { nameTokens, normaliseName } from '../../common/person-search'

/**
 * Search keys for names, computed without storing the names. `normalise` folds case, accents
 * and punctuation; `phonetic` maps spelling variants common in Belgium (French, Dutch and
 * Arabic-origin names transliterated either way) onto one key: Mohamed/Mohammed/Muhammad,
 * Dupont/Dupond, Youssef/Yusuf/Joesoef, Lefèvre/Lefebvre, while Mohamed, Mahmoud and Mehdi stay
 * apart (name-keys.test.ts measures this on common Belgian names). Particles are handled by also
 * indexing the joined name, so "Van den Berg" and "Vandenberg" meet.
 */
export const normalise = normaliseName
export const tokens = nameTokens

const VOWEL = /[aeiou]/
/** The vowel a name starts with, in three classes: Oussama, Usama and Osama meet; Amir, Emre and Omar do not. */
const INITIAL_VOWEL: Record<string, string> = { a: 'a', e: 'e', i: 'e', o: 'o', u: 'o' }

/**
 * A key that spelling variants share: the consonants, and where the vowels are but not which
 * they are (a vowel between two consonants is spelt in too many ways to count: Mohamed,
 * Muhammad, Mouhamed). Keeping where they are is what tells Mohamed (m-h-m-d with a vowel
 * before the h: the h is not heard) from Mahmoud (m-h-m-d with the h against the m) and Mehdi.
 */
export function phonetic(token: string): string {
  let w = normalise(token).replace(/[^a-z]/g, '')
  if (!w) return ''
  // Multi-letter spellings of one sound, longest first.
  w = w
    // Dutch writes French "you" as "joe": Joesoef is Youssef, Joeri is Youri.
    .replace(/^joe/, 'you')
    .replace(/^mc/, 'mac')
    .replace(/sch/g, 's')
    .replace(/tch|tsch|tj/g, 'c')
    .replace(/dj|dzj/g, 'j')
    // "ch" before r or l is a k in every language here (Christophe, Chloé, Chris).
    .replace(/ch(?=[rl])/g, 'k')
    .replace(/ch|sh|sj/g, 'x')
    .replace(/kh/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    // Lefebvre: the b is not pronounced.
    .replace(/bv/g, 'v')
    .replace(/ck|cq|qu|q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/oe|ou|oo/g, 'u')
    .replace(/ij|ei|ey|ai|ay/g, 'e')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/x(?=s)/g, 'k')
    // y is a consonant before a vowel at the start or after a vowel (Yusuf, Hüseyin), else a vowel (Yves, Ilyas, Thys).
    .replace(/(^|[aeiou])y(?=[aeiou])/g, '$1Y')
    .replace(/y/g, 'i')
    .replace(/Y/g, 'y')
    // An h against a consonant is heard, on whichever side it is written (Mehdi, Medhi); between
    // vowels or at the end it is not (Mohamed, Sarah). Mahmoud keeps its h, Mohamed does not.
    .replace(/([bdfjklmnprstvxz])h(?=[aeiou])/g, 'h$1')
    .replace(/([aeiou])h(?=[aeiou]|$)/g, '$1')
  // A final e after a consonant is silent (Anne, Rayane, Lefèvre).
  if (w.length > 2) w = w.replace(/([^aeiou])e$/, '$1')
  const first = w[0] as string
  let key = INITIAL_VOWEL[first] ?? first
  let i = 1
  while (i < w.length && VOWEL.test(first) && VOWEL.test(w[i] as string)) i++
  for (; i < w.length; i++) {
    const ch = w[i] as string
    if (VOWEL.test(ch)) {
      let j = i
      while (j + 1 < w.length && VOWEL.test(w[j + 1] as string)) j++
      // A final vowel says more than an inner one: Karim/Karima, Marie/Maria, Rachid/Rachida.
      key += j === w.length - 1 ? (w[j] === 'a' ? 'a' : 'e') : 'a'
      i = j
    } else if (key[key.length - 1] !== ch) key += ch
  }
  // Final voiced stops sound voiceless (Dupond/Dupont, Mahmoud/Mahmut).
  return key.replace(/d$/, 't').replace(/b$/, 'p').replace(/g$/, 'k')
}

/** Every run of two or more neighbouring words, joined: "van den berg" gives vanden, denberg, vandenberg. */
function joinedRuns(parts: string[], longest = parts.length): { from: number; to: number; text: string }[] {
  const runs = []
  for (let from = 0; from < parts.length; from++)
    for (let to = from + 1; to < Math.min(parts.length, from + longest); to++)
      runs.push({ from, to, text: parts.slice(from, to + 1).join('') })
  return runs
}

/** The two keys of a word: as spelt (`n:`) and as heard (`p:`). */
export function wordKeys(word: string): { exact: string; sound: string } {
  return { exact: `n:${word}`, sound: `p:${phonetic(word)}` }
}

/**
 * The keys of one name part (first names, last name or another name): each word and each run of
 * neighbouring words joined, as spelt and as heard, so that "Van den Berg", "Vandenberg" and
 * "Vanden Berg" meet.
 */
export function nameKeys(name: string): string[] {
  const parts = tokens(name)
  const keys = new Set<string>()
  for (const text of [...parts, ...joinedRuns(parts).map((r) => r.text)]) {
    const k = wordKeys(text)
    keys.add(k.exact)
    keys.add(k.sound)
  }
  return [...keys]
}

/** Words this short are matched as spelt only: the sound of "Al" or "Bo" fits too many names. */
export const MIN_SOUND_LENGTH = 3

/**
 * A query cut into pieces that a name key may match: each word, and each run of up to four
 * neighbouring words joined ("el khattabi" may match "Elkhattabi"). A person matches a query when
 * its words can be split into pieces that each match one of their keys.
 */
export type QuerySegment = { from: number; to: number; exact: string; sound: string | null }

export function querySegments(query: string): { words: string[]; segments: QuerySegment[] } {
  const words = tokens(query)
  const segments: QuerySegment[] = []
  const add = (from: number, to: number, text: string) => {
    const k = wordKeys(text)
    segments.push({ from, to, exact: k.exact, sound: text.length >= MIN_SOUND_LENGTH ? k.sound : null })
  }
  words.forEach((w, i) => add(i, i, w))
  for (const run of joinedRuns(words, 4)) add(run.from, run.to, run.text)
  return { words, segments }
}
