import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { LANGUAGES, type Language } from '../../../common/roles'
import french from './bundle.fr-core'
import { countFormatter, I18N_OPTIONS } from './count-format'
import type { Tree } from './translation-tree'

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

export { LOCALE_TAGS } from './locale-tags'

/**
 * French core keys are in the first download (the sign-in pages need nothing else); the French
 * areas of the signed-in frame and My day are one small chunk fetched with the frame
 * (withFrameTranslations), a case overview's another (withCaseTranslations), every other area one
 * chunk fetched with the first other screen (withAllTranslations); each other language is one
 * whole chunk, fetched when chosen.
 */
const BUNDLES: Record<Exclude<Language, 'fr'>, () => Promise<{ default: Tree }>> = {
  nl: () => import('./bundle.nl'),
  de: () => import('./bundle.de'),
  en: () => import('./bundle.en'),
}

async function loadBundle(lng: Language): Promise<Tree> {
  return lng === 'fr' ? french : (await BUNDLES[lng]()).default
}

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng
}

/**
 * Resolves once the stored language's translations are in and i18next is ready: the app renders
 * after it, so the first screen shows no keys. A language that cannot be fetched falls back on
 * French.
 */
export const i18nReady: Promise<void> = (async () => {
  const wanted = storedLanguage()
  const tree = await loadBundle(wanted).catch(() => null)
  const lng = tree ? wanted : 'fr'
  await i18n
    .use(initReactI18next)
    .use(countFormatter)
    .init({
      ...I18N_OPTIONS,
      resources: { fr: { translation: french }, ...(tree && lng !== 'fr' ? { [lng]: { translation: tree } } : {}) },
      lng,
      supportedLngs: [...LANGUAGES],
    })
  applyLanguage(i18n.language)
  i18n.on('languageChanged', (changed) => {
    applyLanguage(changed)
    try {
      window.localStorage.setItem(STORAGE_KEY, changed)
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  })
})()

/** A chunk of French areas added to i18next once, fetched again by a later call if it failed. */
function areasOnce(load: () => Promise<{ default: Tree }>): () => Promise<void> {
  let pending: Promise<void> | undefined
  return () =>
    (pending ??= (async () => {
      const [areas] = await Promise.all([load(), i18nReady])
      i18n.addResourceBundle('fr', 'translation', areas.default, true, false)
    })().catch((error: unknown) => {
      pending = undefined // a later navigation tries again
      throw error
    }))
}

const frameAreas = areasOnce(() => import('./bundle.fr-frame'))
const caseAreas = areasOnce(() => import('./bundle.fr-case'))
const otherAreas = areasOnce(() => import('./bundle.fr-areas'))

/**
 * Resolves with `load` once the French areas of the signed-in frame and My day are in (every
 * other language falls back on French): the frame and My day are loaded through it. The areas'
 * chunk is fetched at the same time as the module, not after it.
 */
export async function withFrameTranslations<T>(load: Promise<T>): Promise<T> {
  const [module] = await Promise.all([load, frameAreas()])
  return module
}

/** The same with a case overview's areas too: the overview, its sections and their forms. */
export async function withCaseTranslations<T>(load: Promise<T>): Promise<T> {
  const [module] = await Promise.all([load, frameAreas(), caseAreas()])
  return module
}

/** The same with every French area: every other signed-in screen, a case's tabs and dialogs, the frame's popovers. */
export async function withAllTranslations<T>(load: Promise<T>): Promise<T> {
  const [module] = await Promise.all([load, frameAreas(), caseAreas(), otherAreas()])
  return module
}

/**
 * Fetches a language's translations without switching to it, for a part of a screen written in
 * another language than the interface (a summary printed in the person's language: getFixedT).
 */
export async function loadLanguage(lng: Language): Promise<void> {
  if (!i18n.hasResourceBundle(lng, 'translation')) i18n.addResourceBundle(lng, 'translation', await loadBundle(lng))
}

/** Switches once the language's translations have arrived, so no screen shows keys meanwhile. */
export async function switchLanguage(lng: Language): Promise<void> {
  await loadLanguage(lng)
  await i18n.changeLanguage(lng)
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'fr'
}

export default i18n
