import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import areas from './bundle.fr-areas'
import core from './bundle.fr-core'
import frame from './bundle.fr-frame'
import french from './bundle.fr'

/**
 * The French words come in three downloads: the core (sign-in), the frame's and My day's areas,
 * and every other area. The two area globs list the frame's areas twice (once as exclusions);
 * this checks that together they hold every area exactly once.
 */
it('splits the French areas between the frame and the other screens, each area in exactly one', () => {
  const folders = readdirSync(fileURLToPath(new URL('./locales', import.meta.url)), { withFileTypes: true }).filter((e) => e.isDirectory())
  expect(folders.length).toBeGreaterThan(40)
  const frameKeys = Object.keys(frame)
  const otherKeys = Object.keys(areas)
  expect(frameKeys.filter((k) => otherKeys.includes(k))).toEqual([])
  expect(frameKeys.length).toBeGreaterThan(0)
  expect([...Object.keys(core), ...frameKeys, ...otherKeys].sort()).toEqual(Object.keys(french).sort())
})

it('keeps the frame light: its areas are a small part of the French words', () => {
  const size = (tree: object) => JSON.stringify(tree).length
  expect(size(frame)).toBeLessThan(size(areas) / 4)
})
