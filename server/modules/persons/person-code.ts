import crypto from 'node:crypto'

// Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A pseudonymous code: says nothing about its subject, safe to write on a paper file. */
export function newCode(prefix: 'P' | 'A' | 'D'): string {
  const bytes = crypto.randomBytes(8)
  let s = ''
  for (const b of bytes) s += ALPHABET[b & 31]
  return `${prefix}-${s.slice(0, 4)}-${s.slice(4)}`
}

export const newPersonCode = () => newCode('P')
