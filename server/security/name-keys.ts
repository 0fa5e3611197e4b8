/**
 * Search keys for names, computed without storing the names. `normalise` folds case, accents
 * and punctuation; `phonetic` maps spelling variants common in Belgium (French, Dutch and
 * Arabic-origin names transliterated either way) onto one key: Mohamed/Mohammed/Muhammad,
 * Dupont/Dupond, Youssef/Yusuf/Joesoef, Lefèvre/Lefebvre, while Mohamed, Mahmoud and Mehdi stay
 * apart (name-keys.test.ts measures this on common Belgian names). Particles are handled by also
 * indexing the joined name, so "Van den Berg" and "Vandenberg" meet.
 */
export function normalise(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/æ/g, 'ae')
      .replace(/œ/g, 'oe')
      .replace(/ø/g, 'o')
      // Turkish dotless i has no decomposition.
      .replace(/ı/g, 'i')
      .replace(/[^a-z0-9\s'’-]/g, ' ')
      .trim()
  )
}

export function tokens(text: string): string[] {
  return normalise(text)
    .split(/[\s'’-]+/)
    .filter((t) => t.length > 0)
}

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
    // An h between vowels or at the end is not heard (Mohamed, Sarah); against a consonant it is (Mahmoud, Mehdi).
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

/**
 * The keys of one name part (first names, or last name): each token normalised and phonetic,
 * and the same for all tokens joined.
 */
export function nameKeys(name: string): string[] {
  const parts = tokens(name)
  const keys = new Set<string>()
  for (const t of parts) {
    keys.add(`n:${t}`)
    keys.add(`p:${phonetic(t)}`)
  }
  if (parts.length > 1) {
    const joined = parts.join('')
    keys.add(`n:${joined}`)
    keys.add(`p:${phonetic(joined)}`)
  }
  return [...keys]
}

/**
 * For a query, the alternatives each query word may match. A query matches a person when every
 * group has at least one key in the person's keys. Whole-query joining lets "vandenberg" find
 * "Van den Berg" and "van den berg" find "Vandenberg".
 */
export function queryKeyGroups(query: string): string[][] {
  const parts = tokens(query)
  const groups = parts.map((t) => [`n:${t}`, `p:${phonetic(t)}`])
  return groups
}

export function joinedQueryKeys(query: string): string[] | null {
  const parts = tokens(query)
  if (parts.length < 2) return null
  const joined = parts.join('')
  return [`n:${joined}`, `p:${phonetic(joined)}`]
}
