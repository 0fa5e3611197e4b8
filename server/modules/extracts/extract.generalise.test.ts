import { describe, expect, it } from 'vitest'
import { ageBandOf, durationBandOf, provinceOf, quarterOf, sessionsBandOf } from './extract.generalise'
import { suppressRare } from './extract.k-anonymity'

/** What an extract's records become before they leave (issue 14): generalised values, k-anonymous. */
describe('generalisation and k-anonymity on crafted data', () => {
  it('drops a unique 17-year-old of a small province among similar adults, and counts it', () => {
    const adult = { age_band: '36_50', gender: 'male', province: 'brussels_capital', framework: 'voluntary' }
    const records = [
      ...Array.from({ length: 5 }, (_, i) => ({ pseudonym: `a${i}`, ...adult })),
      { pseudonym: 'teen', age_band: 'under_18', gender: 'male', province: 'luxembourg', framework: 'voluntary' },
    ]
    const all = suppressRare(records, ['age_band', 'gender', 'province', 'framework'], 5)
    expect(all.dropped).toBe(1)
    expect(all.kept.map((r) => r.pseudonym)).not.toContain('teen')
    // Four alike are not enough for k = 5: they go too.
    expect(suppressRare(records.slice(1), ['age_band', 'gender', 'province', 'framework'], 5)).toMatchObject({ kept: [], dropped: 5 })
    // Without any quasi-identifier asked for, nothing singles anyone out.
    expect(suppressRare(records, ['sessions_held_band' as never], 5).dropped).toBe(0)
    // Only the quasi-identifiers the study asks for count: by framework alone, the teenager hides among six.
    expect(suppressRare(records, ['framework'], 5).dropped).toBe(0)
  })

  it('generalises to bands, provinces and quarters only', () => {
    expect(ageBandOf(2009, '2026-03-01T10:00:00Z')).toBe('under_18')
    expect(ageBandOf(2008, '2026-03-01T10:00:00Z')).toBe('18_25')
    expect(ageBandOf(1975, '2026-03-01T10:00:00Z')).toBe('over_50')
    expect(ageBandOf(null, '2026-03-01T10:00:00Z')).toBe('unknown')
    expect(provinceOf('6700')).toBe('luxembourg')
    expect(provinceOf('1000')).toBe('brussels_capital')
    expect(provinceOf('9000')).toBe('east_flanders')
    expect(provinceOf(null)).toBe('unknown')
    expect(quarterOf('2025-08-14T10:00:00Z')).toBe('2025-Q3')
    // New Year's Eve at 23:30 UTC is already the next year in Brussels.
    expect(quarterOf('2025-12-31T23:30:00Z')).toBe('2026-Q1')
    expect(durationBandOf('2025-01-01T10:00:00Z', null)).toBe('open')
    expect(durationBandOf('2025-01-01T10:00:00Z', '2025-05-01T10:00:00Z')).toBe('3_6_months')
    expect(sessionsBandOf(0)).toBe('0')
    expect(sessionsBandOf(6)).toBe('6_15')
    expect(sessionsBandOf(31)).toBe('over_30')
  })
})
