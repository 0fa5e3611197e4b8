import crypto from 'node:crypto'

// Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A pseudonymous code: says nothing about its subject, safe to write on a paper file. */
export function newCode(prefix: 'P' | 'A'): string {
  const bytes = crypto.randomBytes(8)
  let s = ''
  for (const b of bytes) s += ALPHABET[b & 31]
  return `${prefix}-${s.slice(0, 4)}-${s.slice(4)}`
}

export const newPersonCode = () => newCode('P')

const CODE = /^P-?([0-9A-Z]{4})-?([0-9A-Z]{4})$/i

export function parsePersonCode(q: string): string | null {
  const m = CODE.exec(q.trim().replace(/\s+/g, ''))
  if (!m) return null
  const fix = (s: string) => s.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1')
  return `P-${fix(m[1] as string)}-${fix(m[2] as string)}`
}
