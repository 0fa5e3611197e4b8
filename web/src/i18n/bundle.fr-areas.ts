import { mergeTranslations, type Tree } from './translation-tree'

/**
 * The French feature areas of every screen but My day and a case's overview (`locales/<area>/fr.json`),
 * merged: one chunk, fetched with the first of those screens. The frame's own areas are in
 * bundle.fr-frame.ts, the case overview's in bundle.fr-case.ts.
 */
export default mergeTranslations(
  import.meta.glob<Tree>(
    [
      './locales/*/fr.json',
      '!./locales/{case-details,contact-queue,contacts,global-search,my-day-contacts,names,notifications,partner-charters}/fr.json',
      '!./locales/{closure,date-field,desistance,dpo-requests,erasure,exceptions,forms,partners,person-search,plan,progress,referral-decline,referrals,relatives,restriction,screens}/fr.json',
    ],
    { eager: true, import: 'default' },
  ),
)
