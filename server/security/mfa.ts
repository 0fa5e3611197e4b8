import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

const PERIOD = 30

function totp(secretBase32: string, label = 'Parcours'): TOTP {
  return new TOTP({ issuer: 'Parcours', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) })
}

export function newMfaSecret(): string {
  return new Secret({ size: 20 }).base32
}

export async function enrolmentOf(secret: string, label: string): Promise<{ otpauthUri: string; qrSvg: string }> {
  const otpauthUri = totp(secret, label).toString()
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return { otpauthUri, qrSvg }
}

/**
 * Checks a code within one period of drift and returns its time step, or null. The caller
 * refuses a step not greater than the last one used, so that each code works only once.
 */
export function verifyCode(secret: string, code: string, now = Date.now()): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 })
  if (delta === null) return null
  return Math.floor(now / 1000 / PERIOD) + delta
}

export function codeFor(secret: string, now = Date.now()): string {
  return totp(secret).generate({ timestamp: now })
}
