import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { open, seal } from './aead'
import { deriveKey, type MasterKeyring, masterKeyId } from './master-key'

/**
 * Keys that must outlive a master-key rotation: what they made is stored where it cannot be made
 * again from the master alone. The name and contact indexes hold keyed hashes (made again only by
 * opening every person and contact), and the audit log's pseudonyms of unknown sign-in e-mails are
 * hashed into the chain, which nothing may rewrite. Each is the key the master derived before key
 * rotation existed (so nothing stored changes), kept in `system_state` wrapped under the current
 * master and re-wrapped by `keys rotate`; the master can then be retired without them changing.
 */
export const STABLE_KEY_PURPOSES = ['name-index', 'contact-index', 'audit-pseudonyms'] as const
export type StableKeyPurpose = (typeof STABLE_KEY_PURPOSES)[number]
export type StableKeys = Record<StableKeyPurpose, Buffer>

const stateKey = (purpose: StableKeyPurpose) => `stable_key:${purpose}`
const aad = (purpose: StableKeyPurpose) => `stable-key:${purpose}`
const wrapKeyOf = (master: Buffer) => deriveKey(master, 'wrap-stable-keys')

/** A stored value: the id of the master that wrapped it, then the wrapped key. */
function parse(value: string): { keyId: string; sealed: string } {
  const at = value.indexOf(':')
  return { keyId: value.slice(0, at), sealed: value.slice(at + 1) }
}

function wrap(master: Buffer, purpose: StableKeyPurpose, key: Buffer): string {
  return `${masterKeyId(master)}:${seal(wrapKeyOf(master), key, aad(purpose))}`
}

function masters(keyring: MasterKeyring): Buffer[] {
  return [keyring.current.key, ...(keyring.previous ? [keyring.previous] : [])]
}

/** Opens a stored value with the master it names, if the ring holds it. */
function unwrap(keyring: MasterKeyring, purpose: StableKeyPurpose, value: string): Buffer | null {
  const { keyId, sealed } = parse(value)
  const master = masters(keyring).find((m) => masterKeyId(m) === keyId)
  if (!master) return null
  try {
    return open(wrapKeyOf(master), sealed, aad(purpose))
  } catch {
    return null
  }
}

/**
 * The stable keys, stored on first use: derived from the master in use before any rotation (the
 * previous one when a rotation is under way, so that an upgrade and a rotation started together
 * keep the keys the indexes were made with). Start-up stops when the master keys given open none:
 * the wrong key would otherwise make searches find nothing, silently.
 */
export async function loadStableKeys(db: Kysely<Database>, keyring: MasterKeyring): Promise<StableKeys> {
  const origin = keyring.previous ?? keyring.current.key
  const now = new Date().toISOString()
  const keys = {} as StableKeys
  for (const purpose of STABLE_KEY_PURPOSES) {
    await db
      .insertInto('system_state')
      .values({ key: stateKey(purpose), value: wrap(origin, purpose, deriveKey(origin, purpose)), updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute()
    const row = await db.selectFrom('system_state').select('value').where('key', '=', stateKey(purpose)).executeTakeFirstOrThrow()
    const key = unwrap(keyring, purpose, row.value)
    if (!key) {
      throw new Error(
        'PARCOURS_MASTER_KEY: this database was not made with this master key (nor with PARCOURS_MASTER_KEY_PREVIOUS); give the right one',
      )
    }
    keys[purpose] = key
  }
  return keys
}

/** `keys rotate`: each stable key wrapped under the current master (the value compared, so a concurrent change is not overwritten). */
export async function rewrapStableKeys(db: Kysely<Database>, keyring: MasterKeyring): Promise<{ rewrapped: number; failed: number }> {
  let rewrapped = 0
  let failed = 0
  const current = masterKeyId(keyring.current.key)
  for (const purpose of STABLE_KEY_PURPOSES) {
    const row = await db.selectFrom('system_state').select('value').where('key', '=', stateKey(purpose)).executeTakeFirst()
    if (!row || parse(row.value).keyId === current) continue
    const key = unwrap(keyring, purpose, row.value)
    if (!key) {
      failed++
      continue
    }
    await db
      .updateTable('system_state')
      .set({ value: wrap(keyring.current.key, purpose, key), updated_at: new Date().toISOString() })
      .where('key', '=', stateKey(purpose))
      .where('value', '=', row.value)
      .execute()
    rewrapped++
  }
  return { rewrapped, failed }
}

/** `keys verify`: how many stable keys open under the current master alone. */
export async function verifyStableKeys(db: Kysely<Database>, keyring: MasterKeyring): Promise<{ ok: number; failed: number }> {
  const alone: MasterKeyring = { current: keyring.current, previous: null }
  let ok = 0
  let failed = 0
  for (const purpose of STABLE_KEY_PURPOSES) {
    const row = await db.selectFrom('system_state').select('value').where('key', '=', stateKey(purpose)).executeTakeFirst()
    if (row && unwrap(alone, purpose, row.value)) ok++
    else failed++
  }
  return { ok, failed }
}
