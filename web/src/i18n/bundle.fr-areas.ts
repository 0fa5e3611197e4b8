import { mergeTranslations, type Tree } from './translation-tree'

/** The French feature areas (`locales/<area>/fr.json`), merged: one chunk, fetched with the signed-in frame. */
export default mergeTranslations(import.meta.glob<Tree>('./locales/*/fr.json', { eager: true, import: 'default' }))
