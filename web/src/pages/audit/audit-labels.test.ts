import { describe, expect, it } from 'vitest'
import { AUDIT_ACTION_NAMES } from '../../../../common/audit-actions'
import { AUDIT_KINDS } from '../../../../common/vocabulary'
import { LANGUAGES } from '../../../../common/roles'
import { TRANSLATIONS } from '../../i18n/resources'

type Tree = { [key: string]: string | Tree }

/** The value at `audit.<path>` in one language, or undefined. */
function label(lang: (typeof LANGUAGES)[number], path: string): string | undefined {
  let node: string | Tree | undefined = TRANSLATIONS[lang].audit
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string' ? node : undefined
}

/** Every name under `audit.actions`, as `noun.verb`. */
function labelled(lang: (typeof LANGUAGES)[number]): string[] {
  const actions = (TRANSLATIONS[lang].audit as Tree).actions as Tree
  return Object.entries(actions).flatMap(([noun, verbs]) => Object.keys(verbs as Tree).map((verb) => `${noun}.${verb}`))
}

/**
 * The DPO reads actions by their label: an action of the catalogue without one would show its
 * code in some languages, or French (the fallback) in others, without anyone noticing.
 */
describe('audit labels', () => {
  it.each(LANGUAGES)('every action of the catalogue has a label in %s', (lang) => {
    const missing = AUDIT_ACTION_NAMES.filter((a) => !label(lang, `actions.${a}`)?.trim())
    expect(missing).toEqual([])
  })

  it.each(LANGUAGES)('%s labels no action outside the catalogue', (lang) => {
    expect(labelled(lang).filter((a) => !(AUDIT_ACTION_NAMES as string[]).includes(a))).toEqual([])
  })

  it.each(LANGUAGES)('every kind of action has a label in %s', (lang) => {
    expect(AUDIT_KINDS.filter((k) => !label(lang, `kinds.${k}`)?.trim())).toEqual([])
  })

  it('labels differ between actions, so that two actions cannot be mistaken for each other', () => {
    for (const lang of LANGUAGES) {
      const labels = AUDIT_ACTION_NAMES.map((a) => label(lang, `actions.${a}`))
      const repeated = labels.filter((l, i) => labels.indexOf(l) !== i)
      expect(repeated, lang).toEqual([])
    }
  })
})
