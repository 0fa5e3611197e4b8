import { describe, expect, it } from 'vitest'
import { joinDateTime, parseDate, parseDateTime, parseTime, showDate, splitDateTime } from './date-field.parse'

describe('date fields read dates day first', () => {
  it.each([
    ['01/12/2026', '2026-12-01'],
    ['1/12/2026', '2026-12-01'],
    ['01.12.2026', '2026-12-01'],
    ['1-12-2026', '2026-12-01'],
    [' 01 / 12 / 2026 ', '2026-12-01'],
    ['2026-12-01', '2026-12-01'],
    ['2026-03-12T14:30', '2026-03-12'],
    ['29/02/2028', '2028-02-29'],
  ])('%s → %s', (typed, iso) => {
    expect(parseDate(typed)).toBe(iso)
  })

  it.each(['12/01/26', '01/12/20', '01/12/202', '31/02/2026', '29/02/2027', '00/12/2026', '01/13/2026', 'December 1, 2026', '', '2026-12'])(
    'refuses %j',
    (typed) => {
      expect(parseDate(typed)).toBeNull()
    },
  )

  it('shows a stored date day first, and nothing for no date', () => {
    expect(showDate('2026-12-01')).toBe('01/12/2026')
    expect(showDate('')).toBe('')
    expect(showDate(null)).toBe('')
  })
})

describe('time fields read a 24-hour clock', () => {
  it.each([
    ['14:30', '14:30'],
    ['9:05', '09:05'],
    ['14h30', '14:30'],
    ['14h', '14:00'],
    ['14.30', '14:30'],
    ['00:00', '00:00'],
  ])('%s → %s', (typed, value) => {
    expect(parseTime(typed)).toBe(value)
  })

  it.each(['24:00', '14:60', '2:30 PM', '14', '1430', ''])('refuses %j', (typed) => {
    expect(parseTime(typed)).toBeNull()
  })
})

describe('date-time fields', () => {
  it('read a typed local date and time', () => {
    expect(parseDateTime('01/12/2026 14:30')).toBe('2026-12-01T14:30')
    expect(parseDateTime('2026-12-01T14:30')).toBe('2026-12-01T14:30')
    expect(parseDateTime('01/12/2026')).toBeNull()
    expect(parseDateTime('12/01/26 2:30 PM')).toBeNull()
  })

  it('split a value into its parts and join them back only when both are there', () => {
    expect(splitDateTime('2026-12-01T14:30')).toEqual({ date: '2026-12-01', time: '14:30' })
    expect(splitDateTime('')).toEqual({ date: '', time: '' })
    expect(joinDateTime({ date: '2026-12-01', time: '14:30' })).toBe('2026-12-01T14:30')
    expect(joinDateTime({ date: '2026-12-01', time: '' })).toBe('')
    expect(joinDateTime({ date: '', time: '14:30' })).toBe('')
  })
})
