import core from './locales/fr.json'
import { withPluralFallbacks, type Tree } from './translation-tree'

/**
 * French core keys only (frame, sign-in, errors, shared words): what the public pages need, part
 * of the first download. The feature areas come in bundle.fr-frame.ts (the signed-in frame, My day) and
 * bundle.fr-areas.ts (every other screen).
 */
export default withPluralFallbacks(core as Tree)
