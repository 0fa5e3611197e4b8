/** The periods offered with one click, and the dates each stands for on a given day. */
export const PRESETS = ['this_year', 'last_year', 'last_12_months', 'custom'] as const
export type Preset = (typeof PRESETS)[number]
export type Period = { from: string; to: string }

/** The API's limit (INDICATORS_MAX_DAYS in common/contracts/indicators.contracts.ts). */
export const MAX_DAYS = 732

export function presetPeriod(preset: Exclude<Preset, 'custom'>, today: string): Period {
  const year = Number(today.slice(0, 4))
  if (preset === 'this_year') return { from: `${year}-01-01`, to: today }
  if (preset === 'last_year') return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }
  // Twelve months ending today: from the day after the same date a year ago.
  const start = new Date(`${year - 1}${today.slice(4)}T00:00:00Z`)
  start.setUTCDate(start.getUTCDate() + 1)
  return { from: start.toISOString().slice(0, 10), to: today }
}

/** Days from one calendar date to the other. */
export const span = (p: Period) => (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The view a link names (a practice note's evidence: `?teamId=…&from=…&to=…`): the preset those
 * dates stand for today, or the two dates as a custom period; this year when the link names none
 * or dates the page would refuse, so a mistyped link shows the default view rather than an error.
 */
export function viewOfSearch(search: URLSearchParams, today: string): { teamId: string | null; preset: Preset; custom: Period | null } {
  const teamId = search.get('teamId') || null
  const from = search.get('from') ?? ''
  const to = search.get('to') ?? ''
  if (!ISO_DATE.test(from) || !ISO_DATE.test(to) || from > to || span({ from, to }) > MAX_DAYS) {
    return { teamId, preset: 'this_year', custom: null }
  }
  for (const p of PRESETS) {
    if (p === 'custom') continue
    const period = presetPeriod(p, today)
    if (period.from === from && period.to === to) return { teamId, preset: p, custom: null }
  }
  return { teamId, preset: 'custom', custom: { from, to } }
}
