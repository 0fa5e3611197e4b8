/**
 * The rules of the person search that the web app and the server must agree on: what a name
 * word is, which queries are broad (and so need a reason), what a person code looks like, and how
 * many persons one search may show. docs/adr/0006-proportionate-name-search.md says why.
 */

/** Why a broad search is made: a closed list, recorded in the audit entry (never the query). */
export const SEARCH_REASONS = ['duplicate_check', 'identify_caller', 'find_client'] as const
export type SearchReason = (typeof SEARCH_REASONS)[number]

/** At most this many persons per search: enough to recognise a duplicate, too few to browse. */
export const SEARCH_CAP = 5

/** Longer queries are not names (the longest Belgian names we know have eight words). */
export const MAX_QUERY_WORDS = 8

/** Folds case, accents and punctuation: "Élodie ÇAKIR" is "elodie cakir". */
export function normaliseName(text: string): string {
  return (
    text
      // Letters with a stroke have no decomposition: Đorđević is written Djordjević without it.
      .replace(/đ/g, 'dj')
      .replace(/Đ/g, 'Dj')
      .replace(/ł/g, 'l')
      .replace(/Ł/g, 'L')
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

/** The words of a name: "Jean-François D'Hondt" is jean, francois, d, hondt. */
export function nameTokens(text: string): string[] {
  return normaliseName(text)
    .split(/[\s'’-]+/)
    .filter((t) => t.length > 0)
}

/** Words that do not tell one family from another on their own: "Van den Berg" says only "Berg". */
const PARTICLES = new Set([
  'd',
  'l',
  't',
  'de',
  'den',
  'der',
  'des',
  'du',
  'la',
  'le',
  'van',
  'von',
  'vande',
  'vanden',
  'vander',
  'el',
  'al',
])

/**
 * A query is broad when it names fewer than two distinct words of two letters or more besides
 * particles: one name alone ("Dupont", "Van den Berg") fits many persons. A person code is never
 * broad: it points at one person.
 */
export function isBroadNameQuery(q: string): boolean {
  if (parsePersonCode(q) || parseCaseCode(q)) return false
  const words = new Set(nameTokens(q).filter((w) => w.length >= 2 && !PARTICLES.has(w)))
  return words.size < 2
}

const CODE = /^P-?([0-9A-Z]{4})-?([0-9A-Z]{4})$/i

/** "p-7k3m 9qx2" is P-7K3M-9QX2; the letters O, I and L, misheard for digits, are read as 0 and 1. */
export function parsePersonCode(q: string): string | null {
  const m = CODE.exec(q.trim().replace(/\s+/g, ''))
  if (!m) return null
  const fix = (s: string) => s.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1')
  return `P-${fix(m[1] as string)}-${fix(m[2] as string)}`
}

const CASE_CODE = /^A-?([0-9A-Z]{4})-?([0-9A-Z]{4})$/i

/** A case code, read as leniently as a person code ("a-7k3m 9qx2" is A-7K3M-9QX2): its client is found. */
export function parseCaseCode(q: string): string | null {
  const m = CASE_CODE.exec(q.trim().replace(/\s+/g, ''))
  if (!m) return null
  const fix = (s: string) => s.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1')
  return `A-${fix(m[1] as string)}-${fix(m[2] as string)}`
}
