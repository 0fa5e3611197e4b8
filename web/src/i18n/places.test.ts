import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import fr from './locales/screens/fr.json'
import { PROVINCES, REGIONS } from './places'

it('names every province and region of the postcode list in the interface languages', () => {
  const rows = readFileSync(new URL('../../../common/be-postcodes.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
  const provinces = new Set(rows.map((r) => r.split(',')[3]!))
  const regions = new Set(rows.map((r) => r.split(',')[4]!.trim()))
  expect([...provinces].filter((p) => !PROVINCES[p])).toEqual([])
  expect([...regions].filter((r) => !REGIONS[r])).toEqual([])
  expect(Object.values(PROVINCES).filter((k) => !(k in fr.provinces))).toEqual([])
  expect(Object.values(REGIONS).filter((k) => !(k in fr.regions))).toEqual([])
})
