import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../test/harness'
import { withPageCache } from './page-cache'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t?.close())

const cacheSize = async () => Number((await sql<{ cache_size: number }>`pragma cache_size`.execute(t.services.db)).rows[0]?.cache_size)

it('holds the SQLite page cache to the size given while the work runs, and gives it back, even when the work throws', async () => {
  const { db, kind } = t.services
  if (kind !== 'sqlite') {
    // PostgreSQL's cache is the server's: the work runs, nothing is set.
    expect(await withPageCache(db, kind, 1024, async () => 'done')).toBe('done')
    return
  }
  const before = await cacheSize()
  expect(before).toBe(-65536)
  expect(await withPageCache(db, kind, 16 * 1024, cacheSize)).toBe(-16384)
  expect(await cacheSize()).toBe(before)
  await expect(
    withPageCache(db, kind, 2048, async () => {
      throw new Error('page failed')
    }),
  ).rejects.toThrow('page failed')
  expect(await cacheSize()).toBe(before)
})
