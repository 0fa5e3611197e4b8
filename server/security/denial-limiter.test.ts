import { expect, it } from 'vitest'
import { DenialLimiter } from './denial-limiter'

it('records refusals up to the limit, then one rate.limited, then blocks the session until the minute is over', () => {
  const limiter = new DenialLimiter(3)
  const t0 = 1_000_000
  expect([1, 2, 3].map((i) => limiter.note('s1', t0 + i))).toEqual(['record', 'record', 'record'])
  expect(limiter.blocked('s1', t0 + 4)).toBe(false)
  expect(limiter.note('s1', t0 + 5)).toBe('first_over')
  expect(limiter.note('s1', t0 + 6)).toBe('over')
  expect(limiter.blocked('s1', t0 + 7)).toBe(true)
  // Another session is not affected.
  expect(limiter.blocked('s2', t0 + 7)).toBe(false)
  expect(limiter.note('s2', t0 + 7)).toBe('record')
  // A minute later, a new window.
  expect(limiter.blocked('s1', t0 + 60_001)).toBe(false)
  expect(limiter.note('s1', t0 + 60_001)).toBe('record')
})
