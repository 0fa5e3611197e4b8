import { describe, expect, it } from 'vitest'
import { checkPassword, hashPassword, verifyPassword } from './passwords'

describe('passwords', () => {
  it('accepts long passphrases without composition rules', () => {
    expect(checkPassword('correct horse battery staple')).toBeNull()
    expect(checkPassword('tous les chemins mènent')).toBeNull()
  })
  it('refuses short, over-long and common passwords', () => {
    expect(checkPassword('short pass')).toBe('too_short')
    expect(checkPassword('x'.repeat(129))).toBe('too_long')
    expect(checkPassword('Password1234')).toBe('too_common')
    expect(checkPassword('Motdepasse!!2026')).toBe('too_common')
    expect(checkPassword('aaaaaaaaaaaaaaaa')).toBe('too_common')
  })
  it('hashes with argon2id at the OWASP minimum and verifies', async () => {
    const h = await hashPassword('correct horse battery staple')
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(h, 'correct horse battery staple')).toBe(true)
    expect(await verifyPassword(h, 'correct horse battery stapler')).toBe(false)
    expect(await verifyPassword(null, 'anything at all here')).toBe(false)
  })
})
