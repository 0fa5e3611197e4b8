import { mergeTranslations, type Tree } from './translation-tree'

/** Every en translation file, merged: one chunk, loaded when the language is chosen. */
export default mergeTranslations(import.meta.glob<Tree>(['./locales/en.json', './locales/*/en.json'], { eager: true, import: 'default' }))
