import { describe, expect, it } from 'vitest'
import { nameKeys, querySegments } from './name-keys'
import { nameSimilarity } from './name-rank'

/** The loose keys (ADR 0009, 0012): deletions, beginnings and buckets, which find candidates the ranking then sorts. */
describe('loose name keys', () => {
  it('finds a name one or two letters away through deletions, the query dropping up to two', () => {
    // Whether some key of the query's one word is a key of the name (the search's first step).
    const finds = (query: string, name: string) => {
      const keys = new Set(nameKeys(name))
      return querySegments(query).segments.some((s) => s.keys.some((k) => k.kind !== 'p' && keys.has(k.key)))
    }
    const byDeletion = (query: string, name: string) => {
      const keys = new Set(nameKeys(name).filter((k) => k.startsWith('d:')))
      return querySegments(query).segments.some((s) => s.keys.some((k) => keys.has(k.key)))
    }
    // A letter changed, added or dropped, or two swapped, once folded or as written.
    for (const [q, name] of [
      ['Gneo', 'Cneo'],
      ['Henric', 'Enrico'],
      ['Alexandria', 'Alessandria'],
      ['Bohemia', 'Boemia'],
      ['Verhaege', 'Verhaegen'],
    ])
      expect(byDeletion(q!, name!), `${q} → ${name}`).toBe(true)
    // The name is the word typed, shortened (to half of it at least) or two letters short.
    expect(byDeletion('Hansen', 'Hans')).toBe(true)
    expect(byDeletion('Habsburgo', 'Asburgo')).toBe(true)
    expect(byDeletion('Hansen', 'Ha')).toBe(false)
    // Names this far apart still meet by nothing.
    expect(finds('Benali', 'Mertens')).toBe(false)
    // Words of three letters have no deletions: every two-letter rest would meet too many.
    expect(nameKeys('Ali').some((k) => k.startsWith('d:'))).toBe(false)
  })

  it('makes beginnings from three letters, and a query word looks for its own', () => {
    expect(nameKeys('Julien').filter((k) => k.startsWith('p:'))).toEqual(['p:jul', 'p:juli', 'p:julie'])
    expect(nameKeys('Jo').filter((k) => k.startsWith('p:'))).toEqual([])
    const [jul] = querySegments('Júl').segments
    expect(jul?.keys).toContainEqual({ key: 'p:jul', kind: 'p' })
    const [ju] = querySegments('Ju').segments
    expect(ju?.keys.some((k) => k.kind === 'p')).toBe(false)
    expect(nameSimilarity('jul', { firstName: 'Julien', lastName: 'Vermeulenbroek', otherNames: [] })).toBeGreaterThanOrEqual(0.85)
  })

  it('matches words shorter than three letters as spelt or by bucket, never by sound', () => {
    const [el] = querySegments('el').segments
    // ("el" is also a short given name, for Ella: lexicon keys, which are not sounds either)
    expect(el?.keys.map((k) => k.kind).sort()).toEqual(['b', 'b', 'g', 'g', 'n', 't'])
    expect(el?.keys.some((k) => k.kind === 'm')).toBe(false)
    expect(querySegments('ali').segments[0]?.keys.some((k) => k.kind === 'm')).toBe(true)
  })
})
