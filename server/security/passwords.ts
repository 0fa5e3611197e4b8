import fs from 'node:fs'
import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id minimum: 19 MiB, two passes, one lane.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

const COMMON = new Set(
  fs
    .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
)

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common'

/** Length only, no composition rules (NIST SP 800-63B); refuse what attackers try first. */
export function checkPassword(password: string): PasswordProblem | null {
  const length = [...password].length
  if (length < 12) return 'too_short'
  if (length > 128) return 'too_long'
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return 'too_common'
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '')
  if (core.length === 0 || COMMON.has(core)) return 'too_common'
  if (new Set(lower).size <= 2) return 'too_common'
  return null
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Unknown accounts still pay for one verification, so timing does not reveal which e-mails exist.
  const target = stored ?? (await dummyHash)
  try {
    const ok = await verify(target, password)
    return ok && stored !== null
  } catch {
    return false
  }
}

const dummyHash = hash('not a real password, only for timing', OPTIONS)
