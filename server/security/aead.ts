import crypto from 'node:crypto'

const VERSION = 'v1'

/**
 * AES-256-GCM with a random 96-bit nonce. The associated data binds a ciphertext to its place
 * (table, column, row), so a sealed value copied into another row or column fails to open.
 */
export function seal(key: Buffer, plaintext: Buffer | string, aad: string): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
  return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`
}

/** Binary form for files: nonce, ciphertext, tag. */
export function sealBytes(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad))
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
}

/**
 * The same binary form as sealBytes, from a file made in parts: each part is sealed and let go as
 * it comes (the array is emptied), so that a large file is never held both plain and sealed.
 */
export function sealParts(key: Buffer, parts: Buffer[], aad: string): Buffer {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(aad))
  const sealed: Buffer[] = [iv]
  for (let part = parts.shift(); part !== undefined; part = parts.shift()) sealed.push(cipher.update(part))
  sealed.push(cipher.final(), cipher.getAuthTag())
  return Buffer.concat(sealed)
}

export function openBytes(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(sealed.subarray(sealed.length - 16))
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()])
}

export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [version, ivText, bodyText] = sealed.split('.')
  if (version !== VERSION || !ivText || !bodyText) throw new Error('unsupported ciphertext')
  const body = Buffer.from(bodyText, 'base64url')
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'))
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(body.subarray(body.length - 16))
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()])
}
