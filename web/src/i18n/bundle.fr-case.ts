import { mergeTranslations, type Tree } from './translation-tree'

/**
 * The French feature areas of a case's overview, its sections and their forms: the screen a
 * worker opens most after My day, often straight from a link, so it waits for these words only
 * and not for every other screen's (bundle.fr-areas.ts). Its tabs and dialogs bring the rest. The
 * list is written twice, here and as exclusions there; `frame-areas.test.ts` checks the split and
 * `e2e/case-words.e2e.test.ts` that the overview needs no other area.
 */
export default mergeTranslations(
  import.meta.glob<Tree>(
    './locales/{closure,date-field,desistance,dpo-requests,erasure,exceptions,forms,partners,person-search,plan,progress,referral-decline,referrals,relatives,restriction,screens}/fr.json',
    { eager: true, import: 'default' },
  ),
)
