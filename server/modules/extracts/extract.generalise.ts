import type { AGE_BANDS, DURATION_BANDS, SESSION_BANDS } from '../../../common/contracts/study-variables.contracts'
import { serviceToday } from '../../time/service-day'
import { municipalityOf } from '../postcodes/postcodes.data'

/**
 * The generalisation rules of the study-variable catalogue (common/contracts/study-variables.contracts.ts):
 * each function takes one indexed or opened value and returns the coarse value an extract holds,
 * never anything finer. Kept apart from the engine so that each rule is read (and tested) alone.
 */

export const PROVINCES = [
  'antwerp',
  'flemish_brabant',
  'walloon_brabant',
  'brussels_capital',
  'west_flanders',
  'east_flanders',
  'hainaut',
  'limburg',
  'liege',
  'luxembourg',
  'namur',
  'unknown',
] as const
export type Province = (typeof PROVINCES)[number]

/** The postcode reference names provinces in French; the extract gives a language-neutral code. */
const PROVINCE_OF_REFERENCE: Record<string, Province> = {
  Anvers: 'antwerp',
  'Brabant Flamand': 'flemish_brabant',
  'Brabant Wallon': 'walloon_brabant',
  'Bruxelles (19 communes)': 'brussels_capital',
  'Flandre-Occidentale': 'west_flanders',
  'Flandre-Orientale': 'east_flanders',
  Hainaut: 'hainaut',
  Limbourg: 'limburg',
  Liège: 'liege',
  Luxembourg: 'luxembourg',
  Namur: 'namur',
}

export function provinceOf(postcode: string | null): Province {
  const m = municipalityOf(postcode)
  return (m && PROVINCE_OF_REFERENCE[m.province]) || 'unknown'
}

/** Age when the case opened from the birth year alone (a birth date is never opened): ±1 year. */
export function ageBandOf(
  birthYear: number | null,
  openedAt: string,
  dayOf: (at: string) => string = serviceToday,
): (typeof AGE_BANDS)[number] {
  if (birthYear === null) return 'unknown'
  const age = Number(dayOf(openedAt).slice(0, 4)) - birthYear
  if (age < 18) return 'under_18'
  if (age <= 25) return '18_25'
  if (age <= 35) return '26_35'
  if (age <= 50) return '36_50'
  return 'over_50'
}

/** The service-day quarter of an instant, e.g. 2025-Q3. */
export function quarterOf(at: string, dayOf: (at: string) => string = serviceToday): string {
  const day = dayOf(at)
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`
}

const MONTH_MS = (365.25 / 12) * 86_400_000

export function durationBandOf(openedAt: string, closedAt: string | null): (typeof DURATION_BANDS)[number] {
  if (!closedAt) return 'open'
  const months = (Date.parse(closedAt) - Date.parse(openedAt)) / MONTH_MS
  if (months < 3) return 'under_3_months'
  if (months < 6) return '3_6_months'
  if (months < 12) return '6_12_months'
  if (months < 24) return '12_24_months'
  return 'over_24_months'
}

export function sessionsBandOf(held: number): (typeof SESSION_BANDS)[number] {
  if (held === 0) return '0'
  if (held <= 5) return '1_5'
  if (held <= 15) return '6_15'
  if (held <= 30) return '16_30'
  return 'over_30'
}
