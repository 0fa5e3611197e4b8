import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { patternMaxLength } from './regex-length'

const patternOf = (schema: z.ZodType): string => {
  const json = z.toJSONSchema(schema)
  if (typeof json.pattern !== 'string') throw new Error('no pattern')
  return json.pattern
}

describe('the longest string a pattern matches', () => {
  it('reads the patterns our contracts produce', () => {
    expect(patternMaxLength(patternOf(z.uuid()))).toBe(36)
    expect(patternMaxLength(patternOf(z.iso.date()))).toBe(10)
    expect(patternMaxLength('^\\d{6}$')).toBe(6)
    expect(patternMaxLength('^[a-z][a-z0-9-]{1,39}$')).toBe(40)
    expect(patternMaxLength('^[a-z][a-z0-9_-]{0,59}$')).toBe(60)
    expect(patternMaxLength('^P-?[0-9A-Z]{4}-?[0-9A-Z]{4}$')).toBe(11)
    expect(patternMaxLength('^(?:W/)?"?\\d{1,9}"?$')).toBe(13)
    expect(patternMaxLength('^[\\]a]{2}(?=x)x$')).toBe(3)
  })

  it('claims nothing for what is unbounded or not understood', () => {
    expect(patternMaxLength(patternOf(z.iso.datetime({ offset: true })))).toBe(Infinity)
    expect(patternMaxLength('^a+$')).toBe(Infinity)
    expect(patternMaxLength('^a{2,}$')).toBe(Infinity)
    expect(patternMaxLength('^ab')).toBe(Infinity)
    expect(patternMaxLength('ab$')).toBe(Infinity)
    expect(patternMaxLength('^(a)\\1$')).toBe(Infinity)
    expect(patternMaxLength('^(?<name>a)$')).toBe(Infinity)
    expect(patternMaxLength('^(a$')).toBe(Infinity)
  })

  it('never states less than a string the pattern accepts', () => {
    for (const [pattern, sample] of [
      [patternOf(z.uuid()), '123e4567-e89b-12d3-a456-426614174000'],
      [patternOf(z.iso.date()), '2024-02-29'],
      ['^(?:ab|abcd)?x{0,3}$', 'abcdxxx'],
    ] as const) {
      expect(new RegExp(pattern).test(sample)).toBe(true)
      expect(patternMaxLength(pattern)).toBeGreaterThanOrEqual(sample.length)
    }
    expect(patternMaxLength('^(?:ab|abcd)?x{0,3}$')).toBe(7)
  })
})
