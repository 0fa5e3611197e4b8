import type { FormatterModule, InitOptions } from 'i18next'
import type { Language } from '../../../common/roles'
import { LOCALE_TAGS } from './locale-tags'

const formats = new Map<string, Intl.NumberFormat>()

/**
 * Every `{{count}}` reads as a number of the reader's language: "1 001 services" in French,
 * "1.001" in Dutch and German, "1,001" in English, without a format in each of the hundreds of
 * sentences that count. Only `count`: other numbers in sentences are years, codes and postcodes,
 * which "2 026" would spoil.
 */
export const countFormatter: FormatterModule = {
  type: 'formatter',
  init() {},
  add() {},
  addCached() {},
  // i18next's type says a string comes back; the value is returned as it is when not a count,
  // as i18next's own formatter does.
  format(value: unknown, format, lng, options) {
    if (format !== undefined || options?.['interpolationkey'] !== 'count' || typeof value !== 'number') return value as string
    const tag = LOCALE_TAGS[lng as Language] ?? LOCALE_TAGS.fr
    let number = formats.get(tag)
    if (!number) formats.set(tag, (number = new Intl.NumberFormat(tag)))
    return number.format(value)
  },
}

/** The app's settings for i18next, shared with the tests that build an instance of their own. */
export const I18N_OPTIONS = {
  fallbackLng: 'fr',
  interpolation: { escapeValue: false, alwaysFormat: true },
  returnNull: false,
} satisfies InitOptions
