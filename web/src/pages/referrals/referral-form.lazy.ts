import { lazyNamed } from '../../components/lazy-page'

/** The referral form, fetched at its first opening (lazy-dialog.tsx): from the section's button, or a draft's edit. */
export const loadReferralForm = () => import('./referral-form')
export const ReferralForm = lazyNamed(loadReferralForm, 'ReferralForm')
