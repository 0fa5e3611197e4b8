import crypto from 'node:crypto'

/**
 * The public form's token (ADR 0010). The page carries one in a hidden field: `v1.<issued at,
 * ms in base 36>.<random nonce>.<HMAC>`. It is what a cross-site form cannot forge (the key never
 * leaves the server), it says when the page was served (the time-to-submit check: a person takes
 * seconds to fill the form, a script does not), it expires, and its nonce is stored with the
 * request it brought, so that one token brings at most one request.
 */
const VERSION = 'v1'
/** How long a page may stay open before its form must be sent again (its answers are kept). */
export const TOKEN_MAX_AGE_MS = 3 * 3_600_000

/** The token key, derived from the audit pseudonym key so that it needs no setting of its own. */
export function formTokenKey(auditKey: Buffer): Buffer {
  return crypto.createHmac('sha256', auditKey).update('parcours public form token v1').digest()
}

const mac = (key: Buffer, payload: string) => crypto.createHmac('sha256', key).update(payload).digest().subarray(0, 18)

export function issueFormToken(key: Buffer, now = Date.now()): string {
  const payload = `${VERSION}.${now.toString(36)}.${crypto.randomBytes(12).toString('base64url')}`
  return `${payload}.${mac(key, payload).toString('base64url')}`
}

export type TokenCheck = { ok: true; nonce: string } | { ok: false; reason: 'invalid' | 'expired' | 'too_fast' }

/** Checks a token's signature, then its age: not younger than `minMs`, not older than TOKEN_MAX_AGE_MS. */
export function checkFormToken(key: Buffer, token: string, minMs: number, now = Date.now()): TokenCheck {
  const parts = token.split('.')
  if (parts.length !== 4 || parts[0] !== VERSION) return { ok: false, reason: 'invalid' }
  const [version, issued, nonce, signature] = parts as [string, string, string, string]
  const given = Buffer.from(signature, 'base64url')
  const expected = mac(key, `${version}.${issued}.${nonce}`)
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' }
  const issuedAt = Number.parseInt(issued, 36)
  if (!Number.isSafeInteger(issuedAt)) return { ok: false, reason: 'invalid' }
  const age = now - issuedAt
  if (age > TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired' }
  if (age < minMs) return { ok: false, reason: 'too_fast' }
  return { ok: true, nonce }
}
