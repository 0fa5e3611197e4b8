/**
 * Search keys for names, computed without storing the names. `normalise` folds case, accents
 * and punctuation; `phonetic` maps spelling variants common in Belgium (French, Dutch and
 * Arabic-origin names transliterated either way) onto one key: Mohamed/Mohammed/Muhammad,
 * Dupont/Dupond, Youssef/Yusuf/Youcef, Abdelkader/Abdulkadir. Particles are handled by also
 * indexing the joined name, so "Van den Berg" and "Vandenberg" meet.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/[^a-z0-9\s'’-]/g, ' ')
    .trim()
}

export function tokens(text: string): string[] {
  return normalise(text)
    .split(/[\s'’-]+/)
    .filter((t) => t.length > 0)
}

const VOWELS = /[aeiouy]/

export function phonetic(token: string): string {
  let w = normalise(token).replace(/[^a-z]/g, '')
  if (!w) return ''
  // Multi-letter spellings of one sound, longest first.
  w = w
    .replace(/^mc/, 'mac')
    .replace(/sch/g, 's')
    .replace(/tch|tsch|tj/g, 'c')
    .replace(/dj|dzj/g, 'j')
    .replace(/ch|sh|sj/g, 'x')
    .replace(/kh|gh/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ck|cq|qu|q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/oe|ou|oo/g, 'u')
    .replace(/ij|ei|ey|ai|ay/g, 'e')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/x(?=s)/g, 'k')
  const first = VOWELS.test(w[0] ?? '') ? 'a' : (w[0] as string)
  // Keep the consonant skeleton: vowels and h carry most spelling variation.
  let rest = w.slice(1).replace(/[aeiouyh]/g, '')
  // Final voiced stops sound voiceless (Dupond/Dupont, Mohamed/Mehmet).
  rest = rest.replace(/d$/, 't').replace(/b$/, 'p').replace(/g$/, 'k')
  let key = first
  for (const ch of rest) if (key[key.length - 1] !== ch) key += ch
  return key
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
