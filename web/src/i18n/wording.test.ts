import { describe, expect, it } from 'vitest'
import type { Language } from '../../../common/roles'
import { makeFormat } from './formatters'
import { TRANSLATIONS } from './resources'
import type { Tree } from './translation-tree'

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k
    return typeof v === 'string' ? [[key, v] as [string, string]] : flatten(v, key)
  })
}

const LANGUAGES = Object.keys(TRANSLATIONS) as Language[]
const entries = (lang: Language) => flatten(TRANSLATIONS[lang])
/** The words a reader sees: interpolations are someone's name or a number, not the sentence's own words. */
const prose = (s: string) => s.replace(/\{\{[^}]*\}\}/g, ' ').replace(/\$t\([^)]*\)/g, ' ')

/**
 * "étape(s)", "band(en)", "Schritt(e)", "event(s)": a count is put in a sentence through i18next's
 * plural keys (`_one`, `_other`), never with an ending in brackets. German "Freund(in)" is a
 * gender form, not a plural, and stays out of this rule.
 */
const PSEUDO_PLURAL = /\p{L}\((?:s|x|e|es|en|n|nen|se|sen|pen|er|r)\)/u

/** Internal words that mean nothing to a worker, a lead or a person reading a screen ("data subject" is the GDPR's own term). */
const JARGON_WORDS = /\b(?:slug|payload|(?<!data )subject|actor|uuid|enum|null|undefined)\b/i

/**
 * An instrument's version number is the service's bookkeeping: a worker is told when the
 * questionnaire was introduced (the number is there on demand). The admin's instrument screens
 * are about versions, so they keep the word.
 */
const INSTRUMENT_VERSION = /\b(?:version|versie)\s*(?:\d+|\{\{\w+\}\})/i
const workerFacingInstrument = (key: string) =>
  key.startsWith('instruments.') && !key.startsWith('instruments.admin.') && key !== 'instruments.versionDetail'

/** Doubled on purpose: "vous vous inquiétez", "öffnen Sie sie", "der Verwaltung, der der Dienst …". */
const GRAMMATICAL_DOUBLES = new Set(['vous', 'nous', 'sie', 'die', 'der', 'das', 'den', 'dem', 'that', 'had'])

describe('wording', () => {
  it.each(LANGUAGES)('%s has no plural ending in brackets', (lang) => {
    const found = entries(lang).filter(([, v]) => PSEUDO_PLURAL.test(prose(v)))
    expect(found).toEqual([])
  })

  it.each(LANGUAGES)('%s never says the same word twice in a row', (lang) => {
    // A word, spaces or a line break, the same word again (case aside): "l'équipe Équipe …" is
    // caught where the template puts a team name after its own "équipe" (below), this one where
    // the sentence itself stutters.
    const doubled = /(?<![\p{L}\p{N}])(\p{L}{2,})\s+\1(?![\p{L}\p{N}])/giu
    const found = entries(lang).filter(([, v]) =>
      [...prose(v).matchAll(doubled)].some((m) => !GRAMMATICAL_DOUBLES.has(m[1]!.toLowerCase())),
    )
    expect(found).toEqual([])
  })

  it.each(LANGUAGES)('%s puts a team name on its own, not after the word "team"', (lang) => {
    // Team names already say what they are ("Équipe Bruxelles", "Team Antwerpen"): "l'équipe
    // {{team}}" prints "l'équipe Équipe Bruxelles".
    const found = entries(lang).filter(([, v]) => /(?:équipe|team|teams|ploeg)\s*[«"„“(]?\s*\{\{\s*\w*team\w*\s*\}\}/iu.test(v))
    expect(found).toEqual([])
  })

  it.each(LANGUAGES)('%s uses no internal jargon', (lang) => {
    const found = entries(lang).filter(([k, v]) => JARGON_WORDS.test(prose(v)) || (workerFacingInstrument(k) && INSTRUMENT_VERSION.test(v)))
    expect(found).toEqual([])
  })

  it('writes file sizes in ko and Mo in French only', () => {
    const french = entries('fr').filter(([, v]) => /\d\s*(?:[kKMG]B|KiB|MiB)\b|\b[kKMG]B\b/.test(v))
    expect(french).toEqual([])
    // Intl puts a (narrow) no-break space between the number and its unit: it never wraps alone.
    const size = (lang: Language, bytes: number) => makeFormat(lang).size(bytes).replace(/\s/g, ' ')
    expect(size('fr', 12_345)).toBe('12,3 ko')
    expect(size('fr', 3_400_000)).toBe('3,4 Mo')
    expect(size('fr', 512)).toBe('512 o')
    for (const lang of ['nl', 'de'] as const) expect(size(lang, 12_345)).toBe('12,3 kB')
    expect(size('en', 12_345)).toBe('12.3 kB')
    expect(size('en', 3_400_000)).toBe('3.4 MB')
  })

  it('says "1er" for the first of the month in French prose, with or without the year', () => {
    const fr = makeFormat('fr', 'Europe/Brussels')
    expect(fr.date('2026-12-01')).toBe('1er décembre 2026')
    expect(fr.dayMonth('2026-12-01')).toBe('1er décembre')
    expect(fr.dayMonth('2026-12-02')).toBe('2 décembre')
    expect(makeFormat('nl', 'Europe/Brussels').dayMonth('2026-12-01')).toBe('1 december')
    expect(makeFormat('de', 'Europe/Brussels').dayMonth('2026-12-01')).toBe('1. Dezember')
  })
})
