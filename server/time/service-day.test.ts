import { afterEach, describe, expect, it } from 'vitest'
import {
  configureServiceTimeZone,
  DEFAULT_TIME_ZONE,
  serviceDayBounds,
  serviceDayStart,
  serviceTimeZone,
  serviceToday,
} from './service-day'

afterEach(() => configureServiceTimeZone(DEFAULT_TIME_ZONE))

describe("the service's day", () => {
  it('is Brussels by default, not UTC, on both sides of midnight', () => {
    expect(serviceTimeZone()).toBe('Europe/Brussels')
    // Winter (UTC+1): 23:30 on the 1st, then 00:30 on the 2nd in Brussels, both the 1st in UTC.
    expect(serviceToday(new Date('2026-12-01T22:30:00Z'))).toBe('2026-12-01')
    expect(serviceToday(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02')
    expect(serviceToday('2026-12-01T23:30:00.000Z')).toBe('2026-12-02')
  })

  it('changes at local midnight across the spring change (29 March 2026, UTC+1 → UTC+2)', () => {
    expect(serviceToday(new Date('2026-03-28T22:30:00Z'))).toBe('2026-03-28') // 23:30 UTC+1
    expect(serviceToday(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29') // 00:30 UTC+1
    expect(serviceToday(new Date('2026-03-29T21:30:00Z'))).toBe('2026-03-29') // 23:30 UTC+2
    expect(serviceToday(new Date('2026-03-29T22:30:00Z'))).toBe('2026-03-30') // 00:30 UTC+2
  })

  it('changes at local midnight across the autumn change (25 October 2026, UTC+2 → UTC+1)', () => {
    expect(serviceToday(new Date('2026-10-24T21:30:00Z'))).toBe('2026-10-24') // 23:30 UTC+2
    expect(serviceToday(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25') // 00:30 UTC+2
    expect(serviceToday(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25') // 23:30 UTC+1
    expect(serviceToday(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-26') // 00:30 UTC+1
  })

  it('starts each day at its local midnight: the change days last 23 and 25 hours', () => {
    expect(serviceDayStart('2026-12-02')).toBe('2026-12-01T23:00:00.000Z')
    expect(serviceDayStart('2026-07-01')).toBe('2026-06-30T22:00:00.000Z')
    expect(serviceDayBounds('2026-03-29')).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' })
    expect(serviceDayBounds('2026-10-25')).toEqual({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' })
  })

  it('follows a configured time zone, and refuses an unknown one', () => {
    configureServiceTimeZone('America/New_York')
    expect(serviceToday(new Date('2026-12-02T03:30:00Z'))).toBe('2026-12-01')
    expect(serviceDayStart('2026-12-02')).toBe('2026-12-02T05:00:00.000Z')
    configureServiceTimeZone('UTC')
    expect(serviceToday(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01')
    expect(() => configureServiceTimeZone('Europe/Atlantis')).toThrow(RangeError)
    expect(serviceTimeZone()).toBe('UTC')
  })
})
