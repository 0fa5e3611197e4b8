import { describe, expect, it } from 'vitest'
import { viewOfSearch } from './indicators.period'

/** A practice note's evidence link opens the indicators with the team and period it was saved with. */
describe('viewOfSearch', () => {
  const today = '2026-12-03'
  const of = (q: string) => viewOfSearch(new URLSearchParams(q), today)

  it('gives the preset the dates stand for', () => {
    expect(of('teamId=t1&from=2025-01-01&to=2025-12-31')).toEqual({ teamId: 't1', preset: 'last_year', custom: null })
    expect(of('from=2026-01-01&to=2026-12-03')).toEqual({ teamId: null, preset: 'this_year', custom: null })
  })

  it('keeps other dates as a custom period', () => {
    expect(of('teamId=t1&from=2026-01-01&to=2026-06-30')).toEqual({
      teamId: 't1',
      preset: 'custom',
      custom: { from: '2026-01-01', to: '2026-06-30' },
    })
  })

  it('falls back to this year without dates, or with dates the page would refuse', () => {
    for (const q of ['', 'teamId=t1', 'from=2026-06-30&to=2026-01-01', 'from=2020-01-01&to=2026-01-01', 'from=01/01/2026&to=2026-02-01']) {
      expect(of(q).preset, q).toBe('this_year')
      expect(of(q).custom, q).toBeNull()
    }
  })
})
