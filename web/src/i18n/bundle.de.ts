import { mergeTranslations, type Tree } from './translation-tree'

/** Every de translation file, merged: one chunk, loaded when the language is chosen. */
export default mergeTranslations(import.meta.glob<Tree>(['./locales/de.json', './locales/*/de.json'], { eager: true, import: 'default' }))
