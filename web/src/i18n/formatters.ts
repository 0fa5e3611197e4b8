import type { Language } from '../../../common/roles'
import { LOCALE_TAGS } from './locale-tags'

/** `YYYY-MM-DD` alone: a calendar date, the same day wherever it is read. */
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The day, month and year of a value in the reader's time zone: a calendar date is taken as it is;
 * an instant (`2026-12-01T23:30:00Z`) is the day it was where it is read, not in UTC (00:30 in
 * Brussels on the 2nd is still the 1st in UTC). Null when the value is not a date.
 */
function dayOf(iso: string, timeZone: string | undefined): { y: number; m: number; d: number } | null {
  const cal = CALENDAR_DATE.exec(iso)
  if (cal) return { y: Number(cal[1]), m: Number(cal[2]), d: Number(cal[3]) }
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return null
  const parts = dateFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone }).formatToParts(date)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { y: part('year'), m: part('month'), d: part('day') }
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Intl's formatters, made once per locale and options: building one costs far more than using it,
 * and every component formatting a date built four (in a CPU profile of a case overview on a
 * slowed phone, about 75 ms).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(tag, options)))
  return format
}
const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(tag: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${tag}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(tag, options)))
  return format
}

/**
 * Dates, times and numbers in a language, Belgian conventions: 01/12/2026 in tables and lists
 * (day first, four-digit year, in every language), "1er décembre 2026" in sentences, a 24-hour
 * clock and never seconds. `timeZone` is the reader's own unless given (tests give one).
 */
export function makeFormat(language: Language, timeZone?: string): Format {
  const key = `${language}|${timeZone ?? ''}`
  let format = made.get(key)
  if (!format) made.set(key, (format = buildFormat(language, timeZone)))
  return format
}
const made = new Map<string, Format>()

function buildFormat(language: Language, timeZone?: string) {
  const tag = LOCALE_TAGS[language]
  const long = dateFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  const noYear = {
    long: dateFormat(tag, { day: 'numeric', month: 'long', timeZone: 'UTC' }),
    short: dateFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  }
  const withWeekday = {
    short: dateFormat(tag, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }),
    long: dateFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  }
  const clock = dateFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
  const instant = (iso: string | null | undefined): Date | null => {
    if (!iso) return null
    const date = new Date(iso)
    return Number.isNaN(date.getTime()) ? null : date
  }
  // French writes the first of the month as an ordinal: "1er décembre", never "1 décembre".
  const firstAsOrdinal = (p: Intl.DateTimeFormatPart) => (p.type === 'day' && language === 'fr' && p.value === '1' ? '1er' : p.value)
  const prose = (iso: string, format = long): string => {
    const day = dayOf(iso, timeZone)
    if (!day) return iso
    return format
      .formatToParts(Date.UTC(day.y, day.m - 1, day.d))
      .map(firstAsOrdinal)
      .join('')
  }
  const numeric = (iso: string): string => {
    const day = dayOf(iso, timeZone)
    return day ? `${pad(day.d)}/${pad(day.m)}/${day.y}` : iso
  }
  const time = (iso: string | null | undefined): string => {
    const date = instant(iso)
    return date ? clock.format(date) : (iso ?? '')
  }
  const at = (iso: string | null | undefined): string => {
    const date = instant(iso)
    // "1er décembre 2026 à 14:30": the language's own joining word, from Intl.
    return date
      ? dateFormat(tag, { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23', timeZone })
          .formatToParts(date)
          .map(firstAsOrdinal)
          .join('')
      : (iso ?? '')
  }
  return {
    /** In a sentence: "1er décembre 2026" (nl "1 december 2026", de "1. Dezember 2026", en "1 December 2026"). */
    date(iso: string | null | undefined): string {
      return iso ? prose(iso) : ''
    },
    /**
     * Where the year goes without saying (a week's heading, a chart's axis): "1er décembre", or
     * "1er déc." short (nl "1 december", "1 dec.").
     */
    dayMonth(iso: string | null | undefined, month: 'long' | 'short' = 'long'): string {
      return iso ? prose(iso, noYear[month]) : ''
    },
    /**
     * Where the day of the week matters (a rota's fortnight): "mar. 1er déc." short, "mardi 1er
     * décembre 2026" long (for what is heard, since a screen reader reads "mar." as a word).
     */
    weekdayMonth(iso: string | null | undefined, length: 'short' | 'long' = 'short'): string {
      return iso ? prose(iso, withWeekday[length]) : ''
    },
    /** In a table or a list: "01/12/2026". */
    day(iso: string | null | undefined): string {
      return iso ? numeric(iso) : ''
    },
    /** In a sentence, an instant: "1er décembre 2026 à 14:30". */
    dateTime: at,
    /** In a table: "01/12/2026 14:30" (no seconds). */
    dateTimeShort(iso: string | null | undefined): string {
      const date = instant(iso)
      return date ? `${numeric(iso!)} ${clock.format(date)}` : (iso ?? '')
    },
    /** The time of day only: "14:30". */
    time,
    /** Planned sessions: as `dateTime`. */
    dateTimeMinutes: at,
    number(n: number): string {
      return numberFormat(tag).format(n)
    },
    /**
     * A file's size with the language's own unit: "12,3 ko" and "3,4 Mo" in French, "12,3 kB" in
     * Dutch and German, "12.3 kB" in English (units of 1,000, as kB and ko mean).
     */
    size(bytes: number): string {
      const [value, unit] =
        bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte']
      return numberFormat(tag, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value)
    },
  }
}

export type Format = ReturnType<typeof buildFormat>
