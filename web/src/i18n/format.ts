import { useTranslation } from 'react-i18next'
import { LOCALE_TAGS, isLanguage } from './index'

/** Date and number formatting in the user's language (Belgian conventions). */
export function useFormat() {
  const { i18n } = useTranslation()
  const tag = isLanguage(i18n.language) ? LOCALE_TAGS[i18n.language] : 'fr-BE'
  return {
    /** `YYYY-MM-DD` (a calendar date, no time zone) → "12 mars 1990". */
    date(iso: string | null | undefined): string {
      if (!iso) return ''
      const [y, m, d] = iso.slice(0, 10).split('-').map(Number)
      if (!y || !m || !d) return iso
      return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d))
    },
    dateTime(iso: string | null | undefined): string {
      if (!iso) return ''
      const date = new Date(iso)
      if (Number.isNaN(date.getTime())) return iso
      return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium' }).format(date)
    },
    /** Compact, for tables: "24/11/2026 09:49:15". */
    dateTimeShort(iso: string | null | undefined): string {
      if (!iso) return ''
      const date = new Date(iso)
      if (Number.isNaN(date.getTime())) return iso
      return new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'medium' }).format(date)
    },
    /** The time of day only: "14:30". */
    time(iso: string | null | undefined): string {
      if (!iso) return ''
      const date = new Date(iso)
      if (Number.isNaN(date.getTime())) return iso
      return new Intl.DateTimeFormat(tag, { timeStyle: 'short' }).format(date)
    },
    /** Date and time without seconds, for planned sessions. */
    dateTimeMinutes(iso: string | null | undefined): string {
      if (!iso) return ''
      const date = new Date(iso)
      if (Number.isNaN(date.getTime())) return iso
      return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
    },
    number(n: number): string {
      return new Intl.NumberFormat(tag).format(n)
    },
  }
}
