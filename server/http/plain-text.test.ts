import { describe, expect, it } from 'vitest'
import { textFlaws } from './plain-text'

describe('textFlaws', () => {
  it('names each flawed string by its path, in the order sent, never echoing an odd key', () => {
    const body = { a: 'ok', b: ['x', 'y\u0000'], c: { 'd e\u0000': 1, 'f g': 'h\ud83d' }, i: { j: '\u{1F33F}' } }
    expect(textFlaws(body, '', 'body').map((e) => [e.field, e.code])).toEqual([
      ['b.1', 'nul_character'],
      ['c', 'nul_character'],
      ['c.*', 'invalid_unicode'],
    ])
  })

  it('names the root for a bare string, and finds nothing in clean values or buffers', () => {
    expect(textFlaws('\u0000', 'query', 'query').map((e) => e.field)).toEqual(['query'])
    expect(textFlaws({ q: ['a', 'b'], n: 3, z: null, buf: Buffer.from([0]) }, 'query', 'query')).toEqual([])
  })

  it('walks a body nested far deeper than the call stack would allow, and stops at twenty errors', () => {
    let deep: unknown = 'bottom\u0000'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const [bottom] = textFlaws(deep, '', 'body')
    expect(bottom?.field).toBe(`${Array(32).fill('0').join('.')}.*`)
    const many = Array.from({ length: 1000 }, () => '\u0000')
    const errors = textFlaws(many, '', 'body')
    expect(errors).toHaveLength(20)
    expect(errors[0]?.field).toBe('0')
  })
})
