export type Tree = { [key: string]: string | Tree }

/**
 * Translations live in one core file per language (`locales/fr.json`) and one folder per feature
 * area (`locales/<area>/fr.json`), so that work on different screens does not edit the same file.
 * Areas own distinct top-level keys; a clash is an error rather than a silent override.
 */
export function mergeTranslations(files: Record<string, Tree>): Tree {
  const out: Tree = {}
  // The core file first, then the areas, in a stable order.
  const paths = Object.keys(files).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))
  for (const path of paths) {
    for (const [key, value] of Object.entries(files[path] as Tree)) {
      if (key in out) throw new Error(`translation key '${key}' is defined twice (${path})`)
      out[key] = value
    }
  }
  return withPluralFallbacks(out)
}

/**
 * French has a third plural category, `many` (CLDR: 1 000 000, 1,5 million…), and i18next shows
 * the bare key when `_many` is missing: "steps" instead of "1 000 000 étapes". Each `_other`
 * without its `_many` lends it its text, so no count ever prints a key; a file may still give its
 * own `_many`. Done for every language alike, so that all keep the same keys.
 */
export function withPluralFallbacks(tree: Tree): Tree {
  const out: Tree = {}
  for (const [key, value] of Object.entries(tree)) out[key] = typeof value === 'string' ? value : withPluralFallbacks(value)
  for (const [key, value] of Object.entries(tree)) {
    const base = key.endsWith('_other') ? key.slice(0, -'_other'.length) : null
    if (base !== null && typeof value === 'string' && !(`${base}_many` in out)) out[`${base}_many`] = value
  }
  return out
}
