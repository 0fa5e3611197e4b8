import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { NameIndex } from './name-index'
import { eligibleByKeys } from './name-rank'

const index = new NameIndex(crypto.randomBytes(32))
const held = (firstName: string, lastName: string, otherNames: string[] = []) =>
  new Set(index.personKeys({ firstName, lastName, otherNames }))
const score = (q: string, person: Set<string>) => index.query(q).score(person)

describe('name index scoring', () => {
  const lotte = held('Lotte', 'Van den Berg')

  it('weighs each word by its best key: spelt 3, folded 2, heard 1, bucket ½, over 3 per word', () => {
    expect(score('lotte van den berg', lotte)?.best).toEqual({ score: 100, exact: true, identifies: true })
    expect(score('lotte vandenberg', lotte)?.best).toEqual({ score: 100, exact: true, identifies: true })
    // "lote" folds as Lotte (double letters are one): one word of two folded.
    expect(score('lote vandenberg', lotte)?.best).toEqual({ score: 83, exact: false, identifies: true })
    // "vandenbergh" folds as vandenberg too (gh is g).
    expect(score('lote vandenbergh', lotte)?.best).toEqual({ score: 67, exact: false, identifies: true })
    // "lodde" is only heard as Lotte.
    expect(score('lodde vandenberg', lotte)?.best).toEqual({ score: 67, exact: false, identifies: true })
  })

  it('finds nothing when one word matches nothing', () => {
    expect(score('lotte van den berg peeters', lotte)).toBeNull()
    expect(score('annelies', lotte)).toBeNull()
  })

  it('identifies only when different words name a first and a last name', () => {
    expect(score('van den berg', lotte)?.identifying).toBeNull()
    expect(score('lotte lotte', lotte)?.identifying).toBeNull()
    expect(score('berg berg', lotte)?.identifying).toBeNull()
    // Another name (a usage name, a nickname) stands for either.
    const alias = held('Lotte', 'Van den Berg', ['Lo Peeters'])
    expect(score('lotte peeters', alias)?.identifying).toEqual({ score: 100, exact: true, identifies: true })
    expect(score('lo peeters', alias)?.identifying).toEqual({ score: 100, exact: true, identifies: true })
  })

  it('keeps the best identifying reading apart from the best reading', () => {
    // "martin" is her last name as spelt and her first name as heard; one word still names one part only.
    const martine = held('Martine', 'Martin')
    expect(score('martin', martine)?.best).toMatchObject({ score: 100, identifies: false })
    expect(score('martine martin', martine)?.identifying).toMatchObject({ score: 100 })
  })

  it('matches words of one or two letters as spelt, or loosely by first letter and length, never by sound', () => {
    const jo = held('Jo', 'Aerts')
    expect(score('jo aerts', jo)?.best.score).toBe(100)
    // The bucket j2 finds Jo for "ju"; the ranking then compares the names (name-rank.ts).
    expect(score('ju aerts', jo)?.best.score).toBe(58)
    expect(score('x aerts', jo)).toBeNull()
  })

  it('pre-scores as the database does: per word the weight of its best key held, summed; none when a word holds none', () => {
    const pre = (q: string, person: Set<string>) => index.query(q).preScore(person)
    expect(pre('lotte van den berg', lotte)).toBe(12)
    expect(pre('lotte vandenberg', lotte)).toBe(6)
    expect(pre('lote vandenberg', lotte)).toBe(5)
    expect(pre('lodde vandenberg', lotte)).toBe(4)
    expect(pre('lotte van den berg peeters', lotte)).toBeNull()
    // Only the query's own keys count: a person's other keys are never read.
    const matched = new Set([...lotte].filter((h) => index.query('lote vandenberg').hashes.includes(h)))
    expect(pre('lote vandenberg', matched)).toBe(5)
    expect(index.query('lote vandenberg').score(matched)).toEqual(score('lote vandenberg', lotte))
  })

  it('orders persons whose best keys tie by how much of each word they hold', () => {
    // Both are one word spelt and one heard (3 + 1): Omar Yilmaz holds "omar" whole and
    // "yilmas" by its sound and deletions; Emre Yilmas holds "yilmas" whole and "omar" by sound only.
    const q = index.query('omar yilmas')
    const omar = held('Omar', 'Yilmaz')
    const emre = held('Emre', 'Yilmas')
    expect(q.score(omar)?.identifying?.score).toBe(q.score(emre)?.identifying?.score)
    expect(q.coverage(omar)).toBeGreaterThan(q.coverage(emre))
    // Spelt as typed, every word holds all its counted keys.
    expect(q.coverage(held('Omar', 'Yilmas'))).toBe(2)
    const scored = [
      { personId: 'emre', ...q.score(emre)!, matched: q.coverage(emre) },
      { personId: 'omar', ...q.score(omar)!, matched: q.coverage(omar) },
    ]
    expect(eligibleByKeys(scored, () => false).map((x) => x.personId)).toEqual(['omar', 'emre'])
  })

  it('keeps a key per part of the name: the same word as first and as last name are different hashes', () => {
    expect([...held('Thomas', 'Peeters')].filter((h) => held('Peeters', 'Thomas').has(h))).toEqual([])
  })
})
