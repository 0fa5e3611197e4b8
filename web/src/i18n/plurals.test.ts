import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import frenchCore from './bundle.fr-core'
import frenchCase from './bundle.fr-case'
import frenchFrame from './bundle.fr-frame'
import { countFormatter, I18N_OPTIONS } from './count-format'
import { TRANSLATIONS } from './resources'
import type { Tree } from './translation-tree'

/**
 * French counts fall in three CLDR categories: `one` (0, 1), `many` (1 000 000, 2 000 000…) and
 * `other`. i18next asks for `<key>_many` at a million and prints the bare key when it is missing;
 * every plural sentence must read as its `_other` form there instead.
 */

async function french(tree: Tree) {
  const i = i18next.createInstance().use(countFormatter)
  // The app's own settings (i18n/index.ts).
  await i.init({ ...I18N_OPTIONS, resources: { fr: { translation: tree } }, lng: 'fr' })
  return i
}

function pluralKeys(tree: Tree, prefix = ''): string[][] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v !== 'string') return pluralKeys(v, key)
    return k.endsWith('_other') ? [[key.slice(0, -'_other'.length)]] : []
  })
}

describe('French plurals', () => {
  it('a million is the many category, which i18next looks up as its own key', () => {
    expect(new Intl.PluralRules('fr').select(1_000_000)).toBe('many')
  })

  it('a million persons found reads as a sentence, not as a key', async () => {
    const i = await french(TRANSLATIONS.fr)
    expect(i.t('persons.resultCount', { count: 1_000_000 })).toBe('1\u202f000\u202f000 personnes trouvées')
    expect(i.t('persons.resultCount', { count: 1 })).toBe('1 personne trouvée')
    expect(i.t('persons.resultCount', { count: 3 })).toBe('3 personnes trouvées')
  })

  it.each([
    ['every French file', TRANSLATIONS.fr, 80],
    ['the sign-in bundle alone', frenchCore, 1],
    ["the frame's and My day's areas alone", frenchFrame, 5],
    ["a case overview's areas alone", frenchCase, 30],
  ] as const)('every plural sentence of %s has a text for a million', async (_, tree, atLeast) => {
    const i = await french(tree)
    const keys = pluralKeys(tree)
    expect(keys.length).toBeGreaterThanOrEqual(atLeast)
    const raw = keys.filter(([key]) => i.t(key!, { count: 1_000_000, name: 'X', total: 2 }) === key)
    expect(raw).toEqual([])
  })
})
