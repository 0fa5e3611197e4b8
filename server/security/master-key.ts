import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config'

export type MasterKey = { key: Buffer; generated: boolean; file: string | null }

/**
 * The master key in use and, while a rotation runs, the one before it (docs/key-rotation.md):
 * data keys and system secrets open under either, everything new is sealed under the current one.
 */
export type MasterKeyring = { current: MasterKey; previous: Buffer | null }

export function loadMasterKeyring(config: Pick<Config, 'masterKey' | 'previousMasterKey'>): MasterKeyring {
  const current = loadMasterKey(config.masterKey)
  const previous = config.previousMasterKey ? loadMasterKey(config.previousMasterKey).key : null
  if (previous?.equals(current.key)) throw new Error('PARCOURS_MASTER_KEY_PREVIOUS: it is the current master key; give the one it replaces')
  return { current, previous }
}

/**
 * A short public name for a master key, stored beside what it wrapped so that a rotation knows
 * what is left to do. Derived one-way: it tells nothing of the key.
 */
export function masterKeyId(master: Buffer): string {
  return crypto.createHash('sha256').update(deriveKey(master, 'key-id')).digest('hex').slice(0, 16)
}

/**
 * The master key never lives in the database. Outside production a missing key is generated
 * into the data folder (mode 0600) so that `npm start` is the whole set-up.
 */
export function loadMasterKey(source: Config['masterKey']): MasterKey {
  if ('base64' in source) return { key: Buffer.from(source.base64, 'base64'), generated: false, file: null }
  if ('file' in source) {
    const raw = fs.readFileSync(source.file, 'utf8').trim()
    const key = Buffer.from(raw, 'base64')
    if (key.length !== 32) throw new Error('PARCOURS_MASTER_KEY_FILE: the file must hold 32 bytes in base64')
    return { key, generated: false, file: source.file }
  }
  const file = path.join(source.generateIn, 'master.key')
  if (fs.existsSync(file)) return { key: Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'), generated: false, file }
  fs.mkdirSync(source.generateIn, { recursive: true })
  const key = crypto.randomBytes(32)
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 })
  return { key, generated: true, file }
}

/** Independent sub-keys, so that a key used for one purpose never serves another. */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `parcours:${purpose}`, 32))
}
