import type { Language } from '../../../common/roles'

/** Belgian locales for dates and numbers. */
export const LOCALE_TAGS: Record<Language, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' }
