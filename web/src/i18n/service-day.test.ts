import { expect, it } from 'vitest'
import { serviceToday } from './service-day'

it("reads today on the service's calendar, not UTC's nor the browser's", () => {
  // 23:30 UTC on 3 December is already 4 December in Brussels (UTC+1 in winter, +2 in summer).
  expect(serviceToday(new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-04')
  expect(serviceToday(new Date('2026-07-15T22:30:00Z'))).toBe('2026-07-16')
  expect(serviceToday(new Date('2026-12-03T22:59:00Z'))).toBe('2026-12-03')
})
