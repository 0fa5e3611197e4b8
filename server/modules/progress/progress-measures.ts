/**
 * What the progress indicators sum over a case's facts (case_progress_facts), per kind, domain and
 * rater: the same expressions in a request's reading of a month's cases and in the triggers that
 * keep `progress_fact_months` (migration 0066), so that the two cannot count differently. The
 * triggers were written from these: a change here needs a migration that writes them again.
 */
export const MEASURES = [
  'facts',
  'up',
  'same',
  'down',
  'compared',
  'count_a',
  'count_b',
  'compared_a',
  'compared_b',
  'gained',
  'lost',
] as const

/** The measures of one fact row `f`, as SQL expressions in MEASURES' order, times `sign`. */
export function factMeasures(f: string, sign: '' | '-'): string[] {
  // A review or a network is compared once it has been observed twice.
  const compared = `${f}.observations >= 2`
  const latest = `coalesce(${f}.latest_value, 0)`
  const first = `coalesce(${f}.first_value, 0)`
  const when = (c: string, then = '1') => `${sign}(case when ${c} then ${then} else 0 end)`
  return [
    `${sign}1`,
    when(`${compared} and ${latest} > ${first}`),
    when(`${compared} and ${latest} = ${first}`),
    when(`${compared} and ${latest} < ${first}`),
    when(compared),
    `${sign}${f}.count_a`,
    `${sign}${f}.count_b`,
    when(compared, `${f}.count_a`),
    when(compared, `${f}.count_b`),
    when(`${compared} and ${f}.count_a > 0`),
    when(`${compared} and ${f}.count_b > 0`),
  ]
}
