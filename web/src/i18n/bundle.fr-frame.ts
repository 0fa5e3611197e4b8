import { mergeTranslations, type Tree } from './translation-tree'

/**
 * The French feature areas that the signed-in frame (header, bell, search) and My day show: one
 * small chunk that the frame waits for, so that a worker's first screen does not wait for every
 * other screen's words (bundle.fr-areas.ts). The list is written twice, here and as exclusions
 * there (a glob must be literal); `frame-areas.test.ts` checks that the two split the areas
 * exactly, and `e2e/my-day-words.e2e.test.ts` that My day needs no other area.
 */
export default mergeTranslations(
  import.meta.glob<Tree>(
    './locales/{case-details,contact-queue,contacts,global-search,my-day-contacts,names,notifications,partner-charters}/fr.json',
    { eager: true, import: 'default' },
  ),
)
