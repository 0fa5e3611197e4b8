import type { Language } from '../../../common/roles'
import de from './bundle.de'
import en from './bundle.en'
import fr from './bundle.fr'
import nl from './bundle.nl'
import type { Tree } from './translation-tree'

/**
 * All four languages at once, for the checks on the translations (unit and e2e tests). The app
 * itself never imports this file: it bundles French and loads another language when chosen
 * (i18n/index.ts).
 */
export const TRANSLATIONS: Record<Language, Tree> = { fr, nl, de, en }
