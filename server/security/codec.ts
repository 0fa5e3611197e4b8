import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { z } from 'zod'
import { CallerView } from '../../common/contracts/contacts.contracts'
import { Answers } from '../../common/contracts/instruments.contracts'
import { Tie } from '../../common/contracts/network.contracts'
import { PlanContent } from '../../common/contracts/plans.contracts'
import { ReportContent } from '../../common/contracts/reports.contracts'
import type { Database } from '../db/schema'
import { open, seal } from './aead'
import { deriveKey, masterKeyId } from './master-key'

type Tx = Kysely<Database> | Transaction<Database>

const text = z.string()
const optionalText = z.string().nullable()

/**
 * Every sensitive column, declared once with the schema of what it holds. A module hands the
 * codec plain values keyed by field name; the codec checks each against its schema, seals it
 * as JSON into `<field>_sealed` with the person's data key, and checks it again when it opens
 * it: a sealed value that does not match its schema is an error, never a silently wrong type.
 * A nullable schema is a nullable column: null is stored as NULL, not sealed. The stored
 * documents are checked with the contracts' own schemas: the check costs a fraction of the
 * decryption and JSON parsing it follows (about 40 µs for a snapshot of 200 ties, 160 µs for
 * the largest plan, against 120 µs and 1.2 ms to open them).
 */
export const SENSITIVE = {
  persons: {
    first_name: text,
    last_name: text,
    other_names: z.array(text),
    birth_date: optionalText,
    birth_year: z.number().int().nullable(),
    phone: optionalText,
    email: optionalText,
    notes: optionalText,
  },
  // Sealed with the key of the accompaniment's client.
  accompaniments: {
    authority: optionalText,
    conditions: optionalText,
    reporting: optionalText,
    summary: optionalText,
    closure_reason: optionalText,
  },
  accompaniment_events: { note: optionalText },
  access_grants: { reason: text },
  case_sessions: { place: optionalText, notes: optionalText },
  tasks: { title: text },
  // The content key: the document's chunks open with it (null for documents sealed whole with the person's key).
  documents: { filename: text, content_key: optionalText },
  // The report as sent, frozen: what the authority learnt.
  judicial_reports: { content: ReportContent, recipient: text },
  // Answer sets as one sealed document: scores about the person are as sensitive as their words.
  assessments: { answers: Answers },
  // The whole plan (goals, steps, partners, the person's words) as one sealed document per version.
  plan_versions: { content: PlanContent },
  trajectory_events: { title: text, description: optionalText },
  case_relatives: { name: text, note: optionalText },
  // All ties of a snapshot (names of people and groups around the person) as one sealed document.
  network_snapshots: { ties: z.array(Tie), note: optionalText },
  // Sealed with the contact's own key (person_keys under the contact id; see migration 0019).
  contacts: { caller: CallerView.nullable(), description: optionalText, summary: optionalText, referred_to: optionalText },
  // Field names with old and new values; sealed with the contact's key, never plaintext.
  // A triage grid's answers on a contact, one sealed document under the contact's key (0023).
  contact_triages: { answers: Answers },
  contact_history: { changes: z.array(z.object({ field: text, old: z.unknown(), new: z.unknown() })) },
  // A public request's identity and message, sealed under the request's own key (its id in person_keys).
  contact_requests: { name: optionalText, phone: optionalText, email: optionalText, message: optionalText },
  // The register of confidentiality exceptions: sealed with the case client's key, or the contact's own.
  confidentiality_exceptions: { situation: text, recipient_name: text, disclosed: text, refusal_reason: optionalText },
  // Orientation (0027), sealed with the key of `key_id` (the case client's or the contact's own);
  // `copy` (what the partner sees, one document) with the referral's own key, shredded at the end.
  consents: { note: optionalText },
  referrals: {
    reason: text,
    request: optionalText,
    summary: optionalText,
    copy: z.record(z.string(), z.unknown()).nullable(),
    decline_reason: optionalText,
  },
  referral_feedback: { note: text },
  // Why the DPO restricted a person's processing and why it was lifted (0042), with the person's key.
  restrictions: { reason: text, lift_reason: optionalText },
  // A data-subject request's words (0040), sealed with the subject's key or the request's own (`key_id`).
  dpo_requests: { details: optionalText, extension_reason: optionalText, decision_reason: optionalText },
  // Why a case is kept beyond its term, and why the hold was lifted (0048), with the client's key.
  legal_holds: { reason: text, lift_reason: optionalText },
  // A subject-access export's archive key (0044), sealed with the person's key.
  dpo_exports: { archive_key: optionalText },
} satisfies { [T in keyof Database]?: Record<string, z.ZodType> }

type Schemas = typeof SENSITIVE
export type SensitiveTable = keyof Schemas
type Field<T extends SensitiveTable> = keyof Schemas[T] & string
type Schema<T extends SensitiveTable, K extends Field<T>> = Schemas[T][K] extends z.ZodType ? Schemas[T][K] : never
/** What a module hands the codec: each field as its schema takes it. */
export type PlainInput<T extends SensitiveTable> = { [K in Field<T>]: z.input<Schema<T, K>> }
/** What the codec hands back: each field as its schema gives it. */
export type Plain<T extends SensitiveTable> = { [K in Field<T>]: z.output<Schema<T, K>> }
export type Sealed<T extends SensitiveTable> = { [K in Field<T> as `${K}_sealed`]: string | null }
/** The columns sealed from these values: a value that may be null gives a column that may be NULL. */
type SealedOf<V> = {
  [K in keyof V & string as `${K}_sealed`]: null extends V[K] ? string | null : undefined extends V[K] ? string | null : string
}
/** The fields opened from this row: those whose sealed column it holds. */
type OpenedOf<T extends SensitiveTable, R> = { [K in Field<T> as `${K}_sealed` extends keyof R ? K : never]: z.output<Schema<T, K>> }

// The declaration and the schema agree, checked when compiling: every `_sealed` column of a
// declared table is declared, and a field's schema admits null exactly when its column does.
type Nullable<T> = null extends T ? true : false
type Mismatch = {
  [T in SensitiveTable]:
    | Exclude<Extract<keyof Database[T], `${string}_sealed`>, `${Field<T>}_sealed`>
    | {
        [K in Field<T>]: `${K}_sealed` extends keyof Database[T]
          ? Nullable<Database[T][`${K}_sealed`]> extends Nullable<z.output<Schema<T, K>>>
            ? never
            : K
          : K
      }[Field<T>]
}[SensitiveTable]
const _declaredAsStored: [Mismatch] extends [never] ? true : Mismatch = true

/** A sealed value that its schema refuses: says where, never what (no personal data in errors or logs). */
function mismatch(table: string, field: string, error: z.ZodError): Error {
  const where = error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(value)'} ${i.code}`)
  if (error.issues.length > 5) where.push(`${error.issues.length - 5} more`)
  return new Error(`${table}.${field} does not match its schema: ${where.join(', ')}`)
}

/** Each declared table's fields with their schemas (Object.entries knows keys only as strings: these are the declared ones). */
const FIELDS = Object.fromEntries(Object.entries(SENSITIVE).map(([table, fields]) => [table, Object.entries<z.ZodType>(fields)])) as {
  [T in SensitiveTable]: [Field<T>, z.ZodType][]
}

/** How long an unwrapped data key is used without looking at its wrapped row again. */
export const KEY_CACHE_TTL_MS = 30_000

/**
 * Envelope encryption: per-person data keys wrapped by the master key, cached unwrapped in memory
 * for a short time. Crypto-shredding deletes the wrapped key: `invalidate` drops the cached copy in
 * this process at once, and the expiry bounds how long another process (a second instance) may
 * still hold one — after it, the key is fetched again and found missing.
 */
export class Codec {
  /** Wrapping keys, the current master's first, then the previous one's while a rotation runs. */
  private readonly ring: { id: string; wrap: Buffer; system: Buffer }[]
  private readonly cache = new Map<string, { key: Buffer; until: number }>()
  private readonly cacheLimit = 10_000
  private readonly ttlMs: number
  private readonly clock: () => number

  constructor(master: Buffer, options: { keyTtlMs?: number; now?: () => number; previous?: Buffer | null } = {}) {
    this.ttlMs = options.keyTtlMs ?? KEY_CACHE_TTL_MS
    this.clock = options.now ?? Date.now
    this.ring = [master, ...(options.previous ? [options.previous] : [])].map((m) => ({
      id: masterKeyId(m),
      wrap: deriveKey(m, 'wrap-person-keys'),
      system: deriveKey(m, 'system-secrets'),
    }))
  }

  private get current() {
    return this.ring[0] as Codec['ring'][number]
  }

  /** The id of the master key everything new is wrapped under. */
  get masterKeyId(): string {
    return this.current.id
  }

  /** Secrets that belong to no person (a user's TOTP seed), sealed under a master-derived key. */
  sealSecret(value: string, aad: string): string {
    return seal(this.current.system, value, aad)
  }

  openSecret(sealed: string, aad: string): string {
    return this.tryRing((k) => open(k.system, sealed, aad)).toString('utf8')
  }

  /** A fresh data key and its wrapped form, for bulk writers that insert keys themselves. */
  newPersonKey(personId: string): { key: Buffer; wrappedKey: string } {
    const key = crypto.randomBytes(32)
    return { key, wrappedKey: this.wrapPersonKey(personId, key) }
  }

  async createPersonKey(trx: Tx, personId: string, now: string): Promise<Buffer> {
    const { key, wrappedKey } = this.newPersonKey(personId)
    await trx
      .insertInto('person_keys')
      .values({ person_id: personId, wrapped_key: wrappedKey, master_key_id: this.current.id, created_at: now })
      .execute()
    this.remember(personId, key)
    return key
  }

  /** For the key rotation (ops/key-rotation.ts): wraps a data key under the current master. */
  wrapPersonKey(personId: string, key: Buffer): string {
    return seal(this.current.wrap, key, `person-key:${personId}`)
  }

  /**
   * Opens a wrapped data key with the master named by its row (null: written before key ids),
   * then with the others of the ring. `currentOnly` is the verification: does it open under the
   * current master alone?
   */
  unwrapPersonKey(personId: string, wrapped: string, keyId: string | null, currentOnly = false): Buffer {
    const aad = `person-key:${personId}`
    if (currentOnly) return open(this.current.wrap, wrapped, aad)
    return this.tryRing((k) => open(k.wrap, wrapped, aad), keyId)
  }

  /** For the key rotation: a system secret opened under any master of the ring, sealed again under the current one. */
  resealSecret(sealed: string, aad: string): string {
    return this.sealSecret(this.openSecret(sealed, aad), aad)
  }

  /** For `keys verify`: whether a system secret opens under the current master alone. */
  opensUnderCurrent(sealed: string, aad: string): boolean {
    try {
      open(this.current.system, sealed, aad)
      return true
    } catch {
      return false
    }
  }

  /** The named key first (when the ring has it), then the others; the first error is the one thrown. */
  private tryRing<R>(fn: (k: Codec['ring'][number]) => R, firstId?: string | null): R {
    const named = firstId ? this.ring.find((k) => k.id === firstId) : undefined
    const order = named ? [named, ...this.ring.filter((k) => k !== named)] : this.ring
    let first: unknown
    for (const k of order) {
      try {
        return fn(k)
      } catch (e) {
        first ??= e
      }
    }
    throw first
  }

  async personKey(trx: Tx, personId: string): Promise<Buffer> {
    const cached = this.cached(personId)
    if (cached) return cached
    const row = await trx
      .selectFrom('person_keys')
      .select(['wrapped_key', 'master_key_id'])
      .where('person_id', '=', personId)
      .executeTakeFirst()
    // A missing key means the person was crypto-shredded: their data can no longer be read.
    if (!row) throw new Error('person key missing')
    const key = this.unwrapPersonKey(personId, row.wrapped_key, row.master_key_id)
    this.remember(personId, key)
    return key
  }

  /**
   * Data keys of many persons in one query (search results, lists). A bulk reader (a study's
   * 100,000 birth years) passes `remember: false`: its keys would push every key the staff are
   * using out of the cache, for a read that will not come again.
   */
  async personKeys(trx: Tx, personIds: string[], options: { remember?: boolean } = {}): Promise<Map<string, Buffer>> {
    const keys = new Map<string, Buffer>()
    const missing = personIds.filter((id) => {
      const cached = this.cached(id)
      if (cached) keys.set(id, cached)
      return !cached
    })
    if (missing.length) {
      const rows = await trx
        .selectFrom('person_keys')
        .select(['person_id', 'wrapped_key', 'master_key_id'])
        .where('person_id', 'in', missing)
        .execute()
      for (const row of rows) {
        const key = this.unwrapPersonKey(row.person_id, row.wrapped_key, row.master_key_id)
        if (options.remember !== false) this.remember(row.person_id, key)
        keys.set(row.person_id, key)
      }
    }
    return keys
  }

  /**
   * Seals the fields present in `values` (and only those); null, or a field given as undefined,
   * is stored as NULL. Each value must match its schema, so that what is sealed always opens.
   */
  sealRow<T extends SensitiveTable, V extends Partial<PlainInput<T>>>(
    table: T,
    key: Buffer,
    rowId: string,
    values: V & Record<Exclude<keyof V, Field<T>>, never>,
  ): SealedOf<V> {
    const given: Readonly<Record<string, unknown>> = values
    const out: Record<string, string | null> = {}
    for (const [field, schema] of FIELDS[table]) {
      if (!(field in given)) continue
      const checked = schema.safeParse(given[field] ?? null)
      if (!checked.success) throw mismatch(table, field, checked.error)
      out[`${field}_sealed`] = checked.data === null ? null : seal(key, JSON.stringify(checked.data), `${table}.${field}:${rowId}`)
    }
    // Built field by field from the declaration above, as SealedOf<V> describes it.
    return out as SealedOf<V>
  }

  /**
   * Opens the sealed columns present in `row` (and only those), each checked against its
   * field's schema: a value that does not match is an error, as is one that does not decrypt.
   */
  openRow<T extends SensitiveTable, R extends Partial<Sealed<T>>>(table: T, key: Buffer, rowId: string, row: R): OpenedOf<T, R> {
    const sealedRow: Readonly<Record<string, unknown>> = row
    const out: Record<string, unknown> = {}
    for (const [field, schema] of FIELDS[table]) {
      const column = `${field}_sealed`
      if (!(column in sealedRow)) continue
      const sealed = sealedRow[column]
      const value =
        typeof sealed === 'string' && sealed ? JSON.parse(open(key, sealed, `${table}.${field}:${rowId}`).toString('utf8')) : null
      const checked = schema.safeParse(value)
      if (!checked.success) throw mismatch(table, field, checked.error)
      out[field] = checked.data
    }
    // Built field by field from the declaration above, each value checked by its schema.
    return out as OpenedOf<T, R>
  }

  /**
   * Crypto-shredding of a data key that is not a person's (a referral's copy): deletes its wrapped
   * row in the caller's transaction and drops the cached copy here. Whatever it sealed can no longer
   * be opened, backups of the sealed rows included; other instances lose it within KEY_CACHE_TTL_MS.
   */
  async shredKey(trx: Tx, keyId: string): Promise<void> {
    await trx.deleteFrom('person_keys').where('person_id', '=', keyId).execute()
    this.invalidate(keyId)
  }

  /** Drops a person's cached data key: to be called when their wrapped key is deleted (shredding). */
  invalidate(personId: string): void {
    this.cache.delete(personId)
  }

  private cached(personId: string): Buffer | undefined {
    const hit = this.cache.get(personId)
    if (!hit) return undefined
    if (hit.until > this.clock()) return hit.key
    this.cache.delete(personId)
    return undefined
  }

  private remember(personId: string, key: Buffer): void {
    this.cache.delete(personId)
    if (this.cache.size >= this.cacheLimit) this.cache.delete(this.cache.keys().next().value as string)
    // Insertion order is expiry order (one TTL for all): the first key is the oldest.
    this.cache.set(personId, { key, until: this.clock() + this.ttlMs })
  }
}
