import { readFileSync } from 'node:fs'
import { normaliseName } from '../../common/person-search'

/**
 * Given names that stand for one another though no spelling rule joins them: translations
 * (Pierre, Pietro and Peter), short forms and nicknames (Phil and Philip, Tony and Anthony). From
 * two openly licensed lists, neither of them the evaluation's source (name-lexicon/README.md):
 * each name with the names it stands for, its heads. Two given names are equivalent when they
 * share a head or one is the other's head: Pierre and Pietro meet at Peter.
 */
let lexicon: Map<string, string[]> | null = null

function load(): Map<string, string[]> {
  if (lexicon) return lexicon
  lexicon = new Map()
  const text = readFileSync(new URL('./name-lexicon/given-names.tsv', import.meta.url), 'utf8')
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const [name, heads] = line.split('\t')
    if (name && heads) lexicon.set(name, heads.split('|'))
  }
  // A name that is only ever a head (Peter) stands for itself.
  for (const heads of [...lexicon.values()]) for (const h of heads) if (!lexicon.has(h)) lexicon.set(h, [])
  return lexicon
}

const letters = (word: string) => normaliseName(word).replace(/[^a-z]/g, '')

/** The names a given name stands for, itself first; none when the lists do not know it. */
export function givenNameHeads(word: string): string[] {
  const w = letters(word)
  const heads = load().get(w)
  return heads ? [w, ...heads] : []
}

/** Whether two given names, spelt differently, stand for one another by the lists. */
export function equivalentGivenNames(a: string, b: string): boolean {
  const ha = givenNameHeads(a)
  if (ha.length === 0) return false
  const hb = new Set(givenNameHeads(b))
  return ha.some((h) => hb.has(h))
}
