import crypto from 'node:crypto'

/**
 * Blind indexes of a caller's phone and e-mail: keyed hashes (HMAC-SHA-256 with a key derived
 * from the master key for this purpose only), so that the database can match a repeat caller
 * without holding the number or the address, and nobody without the key can test a guessed
 * number against it. Values are normalised first so that "0470 12 34 56" and "+32470123456"
 * are the same caller.
 */
export class ContactIndex {
  constructor(private readonly key: Buffer) {}

  phone(raw: string): string | null {
    const e164 = normalisePhone(raw)
    return e164 ? this.hash('phone', e164) : null
  }

  email(raw: string): string {
    return this.hash('email', normaliseEmail(raw))
  }

  private hash(kind: 'phone' | 'email', value: string): string {
    return crypto.createHmac('sha256', this.key).update(`${kind}|${value}`).digest('base64url').slice(0, 32)
  }
}

/**
 * A phone number in E.164, Belgian numbers assumed when no country is given: "0470/12.34.56" →
 * "+32470123456", "0032 2 123 45 67" → "+3221234567". Null when what is left is not a number
 * of 8 to 15 digits.
 */
export function normalisePhone(raw: string): string | null {
  const trimmed = raw.trim()
  let digits = trimmed.replace(/[\s./()\-]/g, '')
  if (digits.startsWith('+')) digits = digits.slice(1)
  else if (digits.startsWith('00')) digits = digits.slice(2)
  else if (digits.startsWith('0')) digits = `32${digits.slice(1)}`
  else if (!digits.startsWith('32')) digits = `32${digits}`
  // A Belgian number written with its country code and the trunk zero ("+32 (0)470…").
  if (digits.startsWith('320')) digits = `32${digits.slice(3)}`
  return /^\d{8,15}$/.test(digits) ? `+${digits}` : null
}

export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase()
}
