import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { NameIndex } from './name-index'
import { equivalentGivenNames, givenNameHeads } from './name-lexicon'
import { MIN_SIMILARITY, nameSimilarity } from './name-rank'

const index = new NameIndex(crypto.randomBytes(32))
const held = (firstName: string, lastName: string, otherNames: string[] = []) =>
  new Set(index.personKeys({ firstName, lastName, otherNames }))

describe('the given-name lexicon', () => {
  it('joins translations, short forms and nicknames, and keeps other names apart', () => {
    expect(equivalentGivenNames('Pierre', 'Pietro')).toBe(true)
    expect(equivalentGivenNames('Pietro', 'Peter')).toBe(true)
    expect(equivalentGivenNames('Phil', 'Philip')).toBe(true)
    expect(equivalentGivenNames('Tony', 'Anthony')).toBe(true)
    expect(equivalentGivenNames('Henri', 'Hendrik')).toBe(true)
    expect(equivalentGivenNames('Pierre', 'Paul')).toBe(false)
    expect(equivalentGivenNames('Mohamed', 'Mahmoud')).toBe(false)
    // Names it does not know have no heads, so no lexicon key.
    expect(givenNameHeads('Xqzvor')).toEqual([])
    expect(givenNameHeads('PIERRE')).toEqual(['pierre', 'peter'])
  })

  it('finds a person registered under a translation or a nickname of the first name typed', () => {
    expect(index.query('pierre dupont').score(held('Pietro', 'Dupont'))).not.toBeNull()
    expect(index.query('phil janssens').score(held('Philip', 'Janssens'))).not.toBeNull()
    // Another name (a usage name) is a given name too.
    expect(index.query('tony janssens').score(held('Karel', 'Janssens', ['Anthony']))).not.toBeNull()
    // A family name is not a given name: Peter as family name holds no lexicon key.
    const jan = held('Jan', 'Peter')
    expect(jan.has(index.hash('first', 'g:jan'))).toBe(true)
    expect(jan.has(index.hash('last', 'g:peter'))).toBe(false)
  })

  it('shows them, below a close spelling of the name typed', () => {
    const pietro = nameSimilarity('pierre dupont', { firstName: 'Pietro', lastName: 'Dupont', otherNames: [] })
    const pierr = nameSimilarity('pierre dupont', { firstName: 'Pierr', lastName: 'Dupont', otherNames: [] })
    expect(pietro).toBeGreaterThanOrEqual(MIN_SIMILARITY)
    expect(pierr).toBeGreaterThan(pietro)
    expect(nameSimilarity('paul dupont', { firstName: 'Pietro', lastName: 'Dupont', otherNames: [] })).toBeLessThan(pietro)
  })
})
