import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../../../common/roles'
import { isLanguage } from '../i18n'

/** dayjs's locale for each interface language: Belgian English writes dates the British way. */
const DAYJS_LOCALES: Record<Language, string> = { fr: 'fr', nl: 'nl', de: 'de', en: 'en-gb' }

/**
 * Each locale (month and weekday names for the calendar, Monday first) is a small chunk fetched
 * the first time a date field is shown in that language, not part of every page's download.
 */
const LOADERS: Record<Language, () => Promise<unknown>> = {
  fr: () => import('dayjs/locale/fr'),
  nl: () => import('dayjs/locale/nl'),
  de: () => import('dayjs/locale/de'),
  en: () => import('dayjs/locale/en-gb'),
}

/** dayjs's own English is built in; the others register themselves with dayjs when loaded. */
const loaded = new Set<string>(['en'])

/** The dayjs locale of the interface language, once loaded ('en' for the moment before that). */
export function useDayjsLocale(): string {
  const { i18n } = useTranslation()
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'fr'
  const wanted = DAYJS_LOCALES[language]
  const [, setReady] = useState(loaded.has(wanted))
  useEffect(() => {
    if (loaded.has(wanted)) return
    let live = true
    void LOADERS[language]().then(() => {
      loaded.add(wanted)
      if (live) setReady(true)
    })
    return () => {
      live = false
    }
  }, [language, wanted])
  return loaded.has(wanted) ? wanted : 'en'
}
