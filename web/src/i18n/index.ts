import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { LANGUAGES, type Language } from '../../../common/roles'
import { TRANSLATIONS } from './resources'

const STORAGE_KEY = 'parcours.language'

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v)
}

function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY)
    return isLanguage(v) ? v : 'fr'
  } catch {
    return 'fr'
  }
}

/** Belgian locales for dates and numbers. */
export const LOCALE_TAGS: Record<Language, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' }

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: TRANSLATIONS[l] }])),
  lng: storedLanguage(),
  fallbackLng: 'fr',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
})

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng
}
applyLanguage(i18n.language)
i18n.on('languageChanged', (lng) => {
  applyLanguage(lng)
  try {
    window.localStorage.setItem(STORAGE_KEY, lng)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
})

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'fr'
}

export default i18n
