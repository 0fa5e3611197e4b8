import { describe, expect, it } from 'vitest'
import { compareTrajectoryDates, dateMatches } from './trajectory.contracts'

describe('trajectory dates', () => {
  it('are written as their precision says, and exist in the calendar', () => {
    expect(dateMatches('year', '2019')).toBe(true)
    expect(dateMatches('year', '2019-03')).toBe(false)
    expect(dateMatches('month', '2019-03')).toBe(true)
    expect(dateMatches('month', '2019-13')).toBe(false)
    expect(dateMatches('day', '2024-02-29')).toBe(true)
    expect(dateMatches('day', '2023-02-29')).toBe(false)
    expect(dateMatches('day', '2019-3-14')).toBe(false)
    expect(dateMatches('year', '1899')).toBe(false)
  })

  it('sort an approximate date at the start of its span, then by entry order', () => {
    const at = (date: string, createdAt = '2026-01-01T00:00:00Z') => ({ date, createdAt })
    const sorted = [at('2019-03-14'), at('2020'), at('2019'), at('2019-03'), at('2018-12-31'), at('2019', '2025-01-01T00:00:00Z')].sort(
      compareTrajectoryDates,
    )
    expect(sorted).toEqual([at('2018-12-31'), at('2019', '2025-01-01T00:00:00Z'), at('2019'), at('2019-03'), at('2019-03-14'), at('2020')])
  })
})
