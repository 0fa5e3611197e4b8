import { describe, expect, it } from 'vitest'
import { ContactIndex, normaliseEmail, normalisePhone } from './contact-index'

describe('contact blind index', () => {
  it.each([
    ['0470 12 34 56', '+32470123456'],
    ['0470/12.34.56', '+32470123456'],
    ['+32 470 12 34 56', '+32470123456'],
    ['0032 470 12 34 56', '+32470123456'],
    ['+32 (0)470 12 34 56', '+32470123456'],
    ['02 123 45 67', '+3221234567'],
    ['+33 6 12 34 56 78', '+33612345678'],
  ])('writes %s as %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164)
  })

  it('refuses what is not a phone number', () => {
    expect(normalisePhone('12')).toBeNull()
    expect(normalisePhone('call me')).toBeNull()
  })

  it('hashes the same caller the same way, with a key, and never holds the value', () => {
    const index = new ContactIndex(Buffer.alloc(32, 1))
    const other = new ContactIndex(Buffer.alloc(32, 2))
    expect(index.phone('0470 12 34 56')).toBe(index.phone('+32470123456'))
    expect(index.phone('0470 12 34 56')).not.toBe(other.phone('0470 12 34 56'))
    expect(index.phone('0470 12 34 56')).not.toContain('470')
    expect(index.email(' Nadia@Example.BE ')).toBe(index.email('nadia@example.be'))
    expect(normaliseEmail(' A@B.be ')).toBe('a@b.be')
    // Phone and e-mail hashes live in different spaces.
    expect(index.email('+32470123456')).not.toBe(index.phone('+32470123456'))
  })
})
