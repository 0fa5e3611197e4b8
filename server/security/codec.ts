import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { open, seal } from './aead'
import { deriveKey } from './master-key'

type Tx = Kysely<Database> | Transaction<Database>

/**
 * Every sensitive column, declared once. A module hands the codec plain values keyed by field
 * name; the codec seals them into `<field>_sealed` columns with the person's data key.
 * Values are JSON so that arrays, numbers and null survive the round trip.
 */
export const SENSITIVE = {
  persons: ['first_name', 'last_name', 'other_names', 'birth_date', 'birth_year', 'phone', 'email', 'notes'],
  // Sealed with the key of the accompaniment's client.
  accompaniments: ['authority', 'conditions', 'reporting', 'summary', 'closure_reason'],
  accompaniment_events: ['note'],
  access_grants: ['reason'],
  case_sessions: ['place', 'notes'],
  tasks: ['title'],
  documents: ['filename'],
  judicial_reports: ['content', 'recipient'],
  // Answer sets as one sealed document: scores about the person are as sensitive as their words.
  assessments: ['answers'],
  // The whole plan (goals, steps, partners, the person's words) as one sealed document per version.
  plan_versions: ['content'],
  trajectory_events: ['title', 'description'],
  case_relatives: ['name', 'note'],
  // All ties of a snapshot (names of people and groups around the person) as one sealed document.
  network_snapshots: ['ties', 'note'],
} as const

type SensitiveTable = keyof typeof SENSITIVE
type Field<T extends SensitiveTable> = (typeof SENSITIVE)[T][number]
export type Plain<T extends SensitiveTable> = Record<Field<T>, unknown>
export type Sealed<T extends SensitiveTable> = { [K in Field<T> as `${K}_sealed`]: string | null }

/** Envelope encryption: per-person data keys wrapped by the master key, cached unwrapped in memory. */
export class Codec {
  private readonly wrapKey: Buffer
  private readonly systemKey: Buffer
  private readonly cache = new Map<string, Buffer>()
  private readonly cacheLimit = 10_000

  constructor(master: Buffer) {
    this.wrapKey = deriveKey(master, 'wrap-person-keys')
    this.systemKey = deriveKey(master, 'system-secrets')
  }

  /** Secrets that belong to no person (a user's TOTP seed), sealed under a master-derived key. */
  sealSecret(value: string, aad: string): string {
    return seal(this.systemKey, value, aad)
  }

  openSecret(sealed: string, aad: string): string {
    return open(this.systemKey, sealed, aad).toString('utf8')
  }

  /** A fresh data key and its wrapped form, for bulk writers that insert keys themselves. */
  newPersonKey(personId: string): { key: Buffer; wrappedKey: string } {
    const key = crypto.randomBytes(32)
    return { key, wrappedKey: seal(this.wrapKey, key, `person-key:${personId}`) }
  }

  async createPersonKey(trx: Tx, personId: string, now: string): Promise<Buffer> {
    const { key, wrappedKey } = this.newPersonKey(personId)
    await trx.insertInto('person_keys').values({ person_id: personId, wrapped_key: wrappedKey, created_at: now }).execute()
    this.remember(personId, key)
    return key
  }

  async personKey(trx: Tx, personId: string): Promise<Buffer> {
    const cached = this.cache.get(personId)
    if (cached) return cached
    const row = await trx.selectFrom('person_keys').select('wrapped_key').where('person_id', '=', personId).executeTakeFirst()
    // A missing key means the person was crypto-shredded: their data can no longer be read.
    if (!row) throw new Error('person key missing')
    const key = open(this.wrapKey, row.wrapped_key, `person-key:${personId}`)
    this.remember(personId, key)
    return key
  }

  /** Data keys of many persons in one query (search results, lists). */
  async personKeys(trx: Tx, personIds: string[]): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>()
    const missing = personIds.filter((id) => {
      const cached = this.cache.get(id)
      if (cached) keys.set(id, cached)
      return !cached
    })
    if (missing.length) {
      const rows = await trx.selectFrom('person_keys').select(['person_id', 'wrapped_key']).where('person_id', 'in', missing).execute()
      for (const row of rows) {
        const key = open(this.wrapKey, row.wrapped_key, `person-key:${row.person_id}`)
        this.remember(row.person_id, key)
        keys.set(row.person_id, key)
      }
    }
    return keys
  }

  sealRow<T extends SensitiveTable>(table: T, key: Buffer, rowId: string, values: Partial<Plain<T>>): Partial<Sealed<T>> {
    const out: Record<string, string | null> = {}
    for (const field of SENSITIVE[table] as readonly string[]) {
      if (!(field in values)) continue
      const v = (values as Record<string, unknown>)[field]
      out[`${field}_sealed`] = v === null || v === undefined ? null : seal(key, JSON.stringify(v), `${table}.${field}:${rowId}`)
    }
    return out as Partial<Sealed<T>>
  }

  openRow<T extends SensitiveTable>(table: T, key: Buffer, rowId: string, row: Partial<Sealed<T>>): Plain<T> {
    const out: Record<string, unknown> = {}
    for (const field of SENSITIVE[table] as readonly string[]) {
      const sealed = (row as Record<string, string | null | undefined>)[`${field}_sealed`]
      out[field] = sealed ? JSON.parse(open(key, sealed, `${table}.${field}:${rowId}`).toString('utf8')) : null
    }
    return out as Plain<T>
  }

  forget(personId: string): void {
    this.cache.delete(personId)
  }

  private remember(personId: string, key: Buffer): void {
    if (this.cache.size >= this.cacheLimit) this.cache.delete(this.cache.keys().next().value as string)
    this.cache.set(personId, key)
  }
}
