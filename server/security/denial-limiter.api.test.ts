import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../test/harness'
import { DenialLimiter } from './denial-limiter'

let h: TestApp
beforeAll(async () => {
  h = await startTestApp({ demo: false })
})
afterAll(() => h.close())

it('records refusals up to the limit, then one rate.limited, then blocks the user until the minute is over', async () => {
  const limiter = new DenialLimiter(3)
  const db = h.services.db
  const [u1, u2] = [(await h.user(['worker'])).id, (await h.user(['worker'])).id]
  const t0 = 1_000_000
  const verdicts = []
  for (const i of [1, 2, 3]) verdicts.push(await limiter.note(db, u1, t0 + i))
  expect(verdicts).toEqual(['record', 'record', 'record'])
  expect(limiter.blocked(await limiter.window(db, u1), t0 + 4)).toBe(false)
  expect(await limiter.note(db, u1, t0 + 5)).toBe('first_over')
  expect(await limiter.note(db, u1, t0 + 6)).toBe('over')
  expect(limiter.blocked(await limiter.window(db, u1), t0 + 7)).toBe(true)
  // Another user is not affected.
  expect(limiter.blocked(await limiter.window(db, u2), t0 + 7)).toBe(false)
  expect(await limiter.note(db, u2, t0 + 7)).toBe('record')
  // A minute later, a new window.
  expect(limiter.blocked(await limiter.window(db, u1), t0 + 60_001)).toBe(false)
  expect(await limiter.note(db, u1, t0 + 60_001)).toBe('record')
})

it('counts refusals made at the same moment once each: one first_over however they interleave', async () => {
  const limiter = new DenialLimiter(5)
  const u = (await h.user(['worker'])).id
  const now = Date.now()
  const verdicts = await Promise.all(Array.from({ length: 12 }, () => limiter.note(h.services.db, u, now)))
  expect(verdicts.filter((v) => v === 'record')).toHaveLength(5)
  expect(verdicts.filter((v) => v === 'first_over')).toHaveLength(1)
  expect(verdicts.filter((v) => v === 'over')).toHaveLength(6)
  // Two limiters (two instances) over one database agree on the count.
  const other = new DenialLimiter(5)
  expect(other.blocked(await other.window(h.services.db, u), now + 1)).toBe(true)
})
