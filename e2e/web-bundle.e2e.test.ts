import { expect, it } from 'vitest'
import { readBuild } from '../scripts/web-bundle.screens'

/**
 * Issue 9, a light web app: the sign-in page and My day load at most 200 KB of gzipped script
 * before they can paint, and no screen with a budget brings zod. Checked on the build the browser
 * tests run against (scripts/test.mjs builds it first); `npx tsx scripts/web-bundle.ts` says
 * which chunks and modules make up each figure.
 */
it.each(
  readBuild()
    .screens()
    .filter((s) => s.budgetKB !== null),
)('$name loads no more than its budget, without zod', (s) => {
  expect(s.chunks.length).toBeGreaterThan(3)
  expect(s.zodIn).toEqual([])
  expect(s.gzipBytes, `${s.name}: bytes gzip`).toBeLessThanOrEqual((s.budgetKB as number) * 1024)
})
