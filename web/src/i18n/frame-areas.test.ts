import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import areas from './bundle.fr-areas'
import caseAreas from './bundle.fr-case'
import core from './bundle.fr-core'
import frame from './bundle.fr-frame'
import french from './bundle.fr'

/**
 * The French words come in four downloads: the core (sign-in), the frame's and My day's areas, a
 * case overview's, and every other area. The area globs list the frame's and the case's areas
 * twice (once as exclusions); this checks that together they hold every area exactly once.
 */
it('splits the French areas between the frame, the case overview and the other screens, each area in exactly one', () => {
  const folders = readdirSync(fileURLToPath(new URL('./locales', import.meta.url)), { withFileTypes: true }).filter((e) => e.isDirectory())
  expect(folders.length).toBeGreaterThan(40)
  const parts = [Object.keys(frame), Object.keys(caseAreas), Object.keys(areas)]
  for (const keys of parts) expect(keys.length).toBeGreaterThan(0)
  const all = [...Object.keys(core), ...parts.flat()]
  expect(
    all.filter((k, i) => all.indexOf(k) !== i),
    'keys in two downloads',
  ).toEqual([])
  expect(all.sort()).toEqual(Object.keys(french).sort())
})

it("keeps the first screens light: the frame's areas are a small part of the French words, the case overview's less than the other screens'", () => {
  const size = (tree: object) => JSON.stringify(tree).length
  expect(size(frame)).toBeLessThan(size(french) / 8)
  expect(size(caseAreas)).toBeLessThan(size(areas))
})
