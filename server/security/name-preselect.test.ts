import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { rng } from '../seed/synthetic'
import { NameIndex } from './name-index'
import { KEY_WEIGHT } from './name-keys'
import { PRESELECTED, StrictPassOdds, strictPassSuffices } from './person-access'

/**
 * The strict pass of the name search (person-access.preselect.ts, ADR 0009): when it suffices, its first
 * `PRESELECTED` are exactly those of the full pass. Checked here on the pre-score as the database
 * computes it (`NameQuery.preScore`, tested against the database's arithmetic in name-index.test.ts),
 * over a register where many persons share a few names, so that both outcomes occur.
 */
const index = new NameIndex(crypto.randomBytes(32))
// Spellings that are one another's folded, heard or loose variants, so that every weight meets.
const FIRST = ['Mohamed', 'Mohammed', 'Mohamad', 'Mehmet', 'Ahmed', 'Ahmad', 'Youssef', 'Yusuf', 'Jan', 'Jana', 'Sarah', 'Sara', 'Fatima']
const LAST = ['Peeters', 'Peters', 'Pieters', 'Petters', 'Janssens', 'Jansen', 'Yilmaz', 'Yılmaz', 'Maes', 'Mertens', 'Martens']

/** The best `PRESELECTED` + 1 by pre-score over these keys, ties by person: what `preselect` returns. */
function preselect(register: Set<string>[], perWord: Map<string, number>[]) {
  const query = index.query('unused')
  return register
    .flatMap((held, i) => {
      const points = query.preScore(held, perWord)
      return points === null ? [] : [{ person_id: String(i).padStart(5, '0'), points: points * 2 }]
    })
    .sort((a, b) => b.points - a.points || a.person_id.localeCompare(b.person_id))
    .slice(0, PRESELECTED + 1)
}

describe('the strict pass of the name search', () => {
  it('when it suffices, pre-selects exactly the persons the full pass does', () => {
    const r = rng(11)
    const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)]!
    const register = Array.from(
      { length: 4000 },
      () => new Set(index.personKeys({ firstName: pick(FIRST), lastName: pick(LAST), otherNames: [] })),
    )
    let sufficed = 0
    let fellBack = 0
    for (const q of [
      ...FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`)),
      'Mohamad Peteers',
      'Muhammed Pieterz',
      'Ahmet Janssen',
      'Yusuf Yilmas',
      'Mertens',
      'Sahra Maes',
    ]) {
      const perWord = index.query(q).weightedPerWord
      const strict = perWord.map((w) => new Map([...w].filter(([, x]) => x >= KEY_WEIGHT.t)))
      const fromStrict = preselect(register, strict)
      const full = preselect(register, perWord)
      if (strictPassSuffices(fromStrict, perWord.length)) {
        sufficed++
        expect(fromStrict.slice(0, PRESELECTED), q).toEqual(full.slice(0, PRESELECTED))
        // And there were more: the search says its answer was capped either way.
        expect(full.length).toBeGreaterThan(PRESELECTED)
      } else fellBack++
    }
    // Both outcomes were met, so the equality above was put to the test.
    expect(sufficed).toBeGreaterThan(20)
    expect(fellBack).toBeGreaterThan(0)
  })

  it('falls back when a person heard on one word ties with the 50th found strictly', () => {
    // 60 persons folded on both words (2 + 2, doubled 8), and before them by id ten persons spelt
    // on one word and heard on the other (3 + 1, also 8): the full pass takes those ten among its 50.
    const person = (firstName: string, lastName: string) => new Set(index.personKeys({ firstName, lastName, otherNames: [] }))
    const register = [
      ...Array.from({ length: 10 }, () => person('Mohamed', 'Pieters')),
      ...Array.from({ length: 60 }, () => person('Mohammed', 'Peters')),
    ]
    const perWord = index.query('Mohamed Peeters').weightedPerWord
    const strict = perWord.map((w) => new Map([...w].filter(([, x]) => x >= KEY_WEIGHT.t)))
    const fromStrict = preselect(register, strict)
    const full = preselect(register, perWord)
    expect(fromStrict[PRESELECTED - 1]?.points).toBe(8)
    expect(full.slice(0, 10).map((p) => p.person_id)).toEqual(Array.from({ length: 10 }, (_, i) => String(i).padStart(5, '0')))
    expect(strictPassSuffices(fromStrict, perWord.length)).toBe(false)
  })

  it('does not suffice with 50 persons or fewer, nor when the 50th scores what a heard word can', () => {
    const at = (points: number, n = PRESELECTED + 1) => Array.from({ length: n }, () => ({ points }))
    // Two words: spelt and heard make 3 + 1, doubled 8.
    expect(strictPassSuffices(at(9), 2)).toBe(true)
    expect(strictPassSuffices(at(8), 2)).toBe(false)
    expect(strictPassSuffices(at(12, PRESELECTED), 2)).toBe(false)
    // One word: heard alone is 1, doubled 2; folded is 4.
    expect(strictPassSuffices(at(4), 1)).toBe(true)
  })

  it('is tried while it pays, then one search in 16, and again every search once it pays', () => {
    const odds = new StrictPassOdds()
    let tried = 0
    for (let i = 0; i < 200; i++)
      if (odds.worthTrying()) {
        tried++
        odds.record(false)
      }
    // About ten tries before the odds fall below a third, then one in 16.
    expect(tried).toBeGreaterThan(15)
    expect(tried).toBeLessThan(30)
    for (let i = 0; i < 100; i++) if (odds.worthTrying()) odds.record(true)
    let all = 0
    for (let i = 0; i < 20; i++) if (odds.worthTrying()) all++
    expect(all).toBe(20)
  })
})
