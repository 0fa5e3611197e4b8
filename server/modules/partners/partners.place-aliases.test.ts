import { describe, expect, it } from 'vitest'
import { fold, isKnownArea, resolvePlace } from './partners.geography'
import { PLACE_ALIASES } from './partners.place-aliases'

describe('place aliases', () => {
  it('name municipalities the bundled list has, under folded keys', () => {
    for (const [alias, code] of Object.entries(PLACE_ALIASES)) {
      expect(isKnownArea('municipality', code), `${alias} → ${code}`).toBe(true)
      expect(fold(alias), alias).toBe(alias)
    }
  })
  it('resolve in the three languages to the same place', () => {
    expect(resolvePlace('Luik')).toEqual(resolvePlace('Liège'))
    expect(resolvePlace('Lüttich')).toEqual(resolvePlace('LIEGE'))
    expect(resolvePlace('Bergen')?.municipality).toBe('mons')
    expect(resolvePlace('Anvers')?.region).toBe('BE-VLG')
    expect(resolvePlace('Sint-Jans-Molenbeek')?.municipality).toBe('molenbeek-saint-jean')
  })
})
