import { mergeTranslations, type Tree } from './translation-tree'

/** Every French translation file, merged: French is the default, so it is part of the first download. */
export default mergeTranslations(import.meta.glob<Tree>(['./locales/fr.json', './locales/*/fr.json'], { eager: true, import: 'default' }))
