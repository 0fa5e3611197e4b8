import { describe, expect, it } from 'vitest'
import type { OpeningHours } from '../../../common/contracts/duty.contracts'
import { brussels, halfOf, isOpenAt, nextOpening, spansOn, weekdayOf } from './duty.time'

const HOURS: OpeningHours = {
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    spans: [
      { opens: '09:00', closes: '12:30' },
      { opens: '13:30', closes: '17:00' },
    ],
  })),
  exceptions: [
    { date: '2026-12-25', spans: [], note: 'Noël' },
    { date: '2026-12-24', spans: [{ opens: '09:00', closes: '12:00' }] },
  ],
}

describe('the line in Brussels time', () => {
  it('reads the Brussels wall clock in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(brussels(new Date('2026-12-01T08:30:00Z'))).toEqual({ date: '2026-12-01', time: '09:30', weekday: 2 })
    expect(brussels(new Date('2026-07-01T07:30:00Z'))).toEqual({ date: '2026-07-01', time: '09:30', weekday: 3 })
    // 23:30 UTC on a Sunday is already Monday in Brussels.
    expect(brussels(new Date('2026-11-29T23:30:00Z'))).toMatchObject({ date: '2026-11-30', weekday: 1 })
  })

  it('is open within a span, closed at lunch, at closing time, at weekends and on a closed day', () => {
    expect(weekdayOf('2026-12-05')).toBe(6)
    expect(isOpenAt(HOURS, { date: '2026-12-01', time: '09:00', weekday: 2 })).toBe(true)
    expect(isOpenAt(HOURS, { date: '2026-12-01', time: '12:45', weekday: 2 })).toBe(false)
    expect(isOpenAt(HOURS, { date: '2026-12-01', time: '17:00', weekday: 2 })).toBe(false)
    expect(isOpenAt(HOURS, { date: '2026-12-05', time: '10:00', weekday: 6 })).toBe(false)
    expect(isOpenAt(HOURS, { date: '2026-12-25', time: '10:00', weekday: 5 })).toBe(false)
    expect(spansOn(HOURS, '2026-12-24')).toEqual([{ opens: '09:00', closes: '12:00' }])
  })

  it('finds the next opening across lunch, a weekend and a closed day', () => {
    expect(nextOpening(HOURS, { date: '2026-12-01', time: '12:45', weekday: 2 })).toEqual({ date: '2026-12-01', time: '13:30' })
    expect(nextOpening(HOURS, { date: '2026-12-04', time: '18:00', weekday: 5 })).toEqual({ date: '2026-12-07', time: '09:00' })
    expect(nextOpening(HOURS, { date: '2026-12-24', time: '12:00', weekday: 4 })).toEqual({ date: '2026-12-28', time: '09:00' })
    expect(nextOpening({ weekly: [], exceptions: [] }, { date: '2026-12-01', time: '10:00', weekday: 2 })).toBeNull()
  })

  it('splits the day at 13:00', () => {
    expect(halfOf('12:59')).toBe('am')
    expect(halfOf('13:00')).toBe('pm')
  })
})
