import type { Language } from '../../../common/roles'

/** Belgian locales, as the web app's (web/src/i18n/locale-tags.ts). */
const LOCALE_TAGS: Record<Language, string> = { fr: 'fr-BE', nl: 'nl-BE', de: 'de-BE', en: 'en-GB' }

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A calendar date (`YYYY-MM-DD`) in a sentence of the report, as the web app writes it: "1er
 * octobre 2026" (French writes the first of the month as an ordinal), nl "1 oktober 2026", de
 * "1. Oktober 2026", en "1 October 2026". Anything else is returned as it is.
 */
export function reportDate(language: Language, day: string): string {
  const m = CALENDAR_DATE.exec(day)
  if (!m) return day
  return new Intl.DateTimeFormat(LOCALE_TAGS[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .formatToParts(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
    .map((p) => (p.type === 'day' && language === 'fr' && p.value === '1' ? '1er' : p.value))
    .join('')
}

/** A calendar date in a list of the report: "05/10/2026", day first, in every language. */
export function reportDay(day: string): string {
  const m = CALENDAR_DATE.exec(day)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day
}
