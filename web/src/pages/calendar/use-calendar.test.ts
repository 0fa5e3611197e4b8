import { describe, expect, it } from 'vitest'
import { addDays, localDay, mondayOf } from './use-calendar'

describe('calendar weeks', () => {
  it('start on Monday, whatever the day and hour', () => {
    expect(localDay(mondayOf(new Date(2026, 10, 24, 15, 30)))).toBe('2026-11-23')
    expect(localDay(mondayOf(new Date(2026, 10, 23, 0, 0)))).toBe('2026-11-23')
    // Sunday belongs to the week that started six days before, not to the next one.
    expect(localDay(mondayOf(new Date(2026, 10, 29, 23, 59)))).toBe('2026-11-23')
  })

  it('keep seven calendar days across a change of clock time and a change of year', () => {
    // The last Sunday of October 2026 has 25 hours in Brussels.
    const monday = mondayOf(new Date(2026, 9, 28))
    expect(localDay(monday)).toBe('2026-10-26')
    expect(localDay(addDays(monday, 6))).toBe('2026-11-01')
    expect(localDay(addDays(monday, 7))).toBe('2026-11-02')
    expect(localDay(mondayOf(new Date(2027, 0, 1)))).toBe('2026-12-28')
  })
})
