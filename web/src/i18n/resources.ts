import { LANGUAGES, type Language } from '../../../common/roles'

type Tree = { [key: string]: string | Tree }

/**
 * Translations live in one core file per language (`locales/fr.json`) and one folder per feature
 * area (`locales/<area>/fr.json`), so that work on different screens does not edit the same file.
 * Areas own distinct top-level keys; a clash is an error rather than a silent override.
 */
const core = import.meta.glob<Tree>('./locales/*.json', { eager: true, import: 'default' })
const areas = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' })

function languageOf(path: string): Language {
  const name = path.slice(path.lastIndexOf('/') + 1, -'.json'.length)
  if (!(LANGUAGES as readonly string[]).includes(name)) throw new Error(`unexpected locale file ${path}`)
  return name as Language
}

function build(): Record<Language, Tree> {
  const out = Object.fromEntries(LANGUAGES.map((l) => [l, {} as Tree])) as Record<Language, Tree>
  for (const [path, tree] of [...Object.entries(core), ...Object.entries(areas)]) {
    const target = out[languageOf(path)]
    for (const [key, value] of Object.entries(tree)) {
      if (key in target) throw new Error(`translation key '${key}' is defined twice (${path})`)
      target[key] = value
    }
  }
  return out
}

export const TRANSLATIONS: Record<Language, Tree> = build()
