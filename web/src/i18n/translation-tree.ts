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
  return out
}
