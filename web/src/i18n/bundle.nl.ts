import { mergeTranslations, type Tree } from './translation-tree'

/** Every nl translation file, merged: one chunk, loaded when the language is chosen. */
export default mergeTranslations(import.meta.glob<Tree>(['./locales/nl.json', './locales/*/nl.json'], { eager: true, import: 'default' }))
