import { describe, expect, it } from 'vitest'
import { makeFormat } from './formatters'

const BRUSSELS = 'Europe/Brussels'
const fr = makeFormat('fr', BRUSSELS)
const nl = makeFormat('nl', BRUSSELS)
const de = makeFormat('de', BRUSSELS)
const en = makeFormat('en', BRUSSELS)

describe('dates in sentences', () => {
  it('write the first of the month "1er" in French, and the month in full in every language', () => {
    expect(fr.date('2026-12-01')).toBe('1er décembre 2026')
    expect(nl.date('2026-12-01')).toBe('1 december 2026')
    expect(de.date('2026-12-01')).toBe('1. Dezember 2026')
    expect(en.date('2026-12-01')).toBe('1 December 2026')
  })

  it('keep other days as numbers', () => {
    expect(fr.date('2026-03-12')).toBe('12 mars 2026')
    expect(fr.date('2026-03-11')).toBe('11 mars 2026')
  })

  it('take an instant on the day it was in Brussels, not in UTC', () => {
    // 00:30 in Brussels on the 2nd of December is 23:30 UTC on the 1st.
    expect(fr.date('2026-12-01T23:30:00Z')).toBe('2 décembre 2026')
    expect(fr.day('2026-12-01T23:30:00Z')).toBe('02/12/2026')
    expect(fr.day('2026-12-01T22:30:00Z')).toBe('01/12/2026')
  })

  it('say the time with the date, without seconds', () => {
    expect(fr.dateTime('2026-12-01T13:30:45Z')).toBe('1er décembre 2026 à 14:30')
    expect(nl.dateTime('2026-12-01T13:30:45Z')).toMatch(/^1 december 2026( om|,) 14:30$/)
    expect(en.dateTimeMinutes('2026-12-01T13:30:45Z')).toMatch(/^1 December 2026( at|,) 14:30$/)
  })
})

describe('dates with their day of the week', () => {
  it('name the day in each language\'s short form, the first of the month still "1er" in French', () => {
    // 1 December 2026 is a Tuesday.
    expect(fr.weekdayMonth('2026-12-01')).toBe('mar. 1er déc.')
    expect(nl.weekdayMonth('2026-12-01')).toBe('di 1 dec')
    expect(de.weekdayMonth('2026-12-01')).toBe('Di., 1. Dez.')
    expect(en.weekdayMonth('2026-12-06')).toBe('Sun 6 Dec')
    expect(fr.weekdayMonth(null)).toBe('')
    expect(fr.weekdayMonth('2026-12-01', 'long')).toBe('mardi 1er décembre 2026')
    expect(de.weekdayMonth('2026-12-06', 'long')).toBe('Sonntag, 6. Dezember 2026')
  })
})

describe('dates in tables', () => {
  it.each([
    ['fr', fr],
    ['nl', nl],
    ['de', de],
    ['en', en],
  ] as const)('%s: day first, two-digit day and month, four-digit year', (_, f) => {
    expect(f.day('2026-12-01')).toBe('01/12/2026')
    expect(f.day('1999-03-09')).toBe('09/03/1999')
  })

  it('show an instant with hours and minutes, never seconds, never a two-digit year', () => {
    for (const f of [fr, nl, de, en]) {
      expect(f.dateTimeShort('2026-11-24T08:49:15Z')).toBe('24/11/2026 09:49')
    }
  })

  it('use a 24-hour clock, also in English', () => {
    expect(en.time('2026-12-01T13:30:00Z')).toBe('14:30')
    expect(fr.time('2026-12-01T23:05:00Z')).toBe('00:05')
  })

  it('follow Brussels summer time', () => {
    // 29 March 2026: clocks go from 02:00 to 03:00 (UTC+1 → UTC+2).
    expect(fr.time('2026-03-29T00:59:00Z')).toBe('01:59')
    expect(fr.time('2026-03-29T01:00:00Z')).toBe('03:00')
    // 25 October 2026: from 03:00 back to 02:00.
    expect(fr.dateTimeShort('2026-10-25T00:30:00Z')).toBe('25/10/2026 02:30')
    expect(fr.dateTimeShort('2026-10-25T01:30:00Z')).toBe('25/10/2026 02:30')
  })

  it('return nothing for no value and the value itself when it is not a date', () => {
    expect(fr.date(null)).toBe('')
    expect(fr.day(undefined)).toBe('')
    expect(fr.dateTimeShort('')).toBe('')
    expect(fr.day('not a date')).toBe('not a date')
  })
})

describe('numbers', () => {
  it('group thousands the Belgian way', () => {
    expect(fr.number(1234.5)).toMatch(/^1\s234,5$/)
    expect(nl.number(1234.5)).toBe('1.234,5')
  })
})
