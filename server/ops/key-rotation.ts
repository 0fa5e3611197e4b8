import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema'
import type { Codec } from '../security/codec'
import type { MasterKeyring } from '../security/master-key'
import { rewrapStableKeys, verifyStableKeys } from '../security/stable-keys'
import { replaceSealed, SECRET_COLUMNS, sealedValues } from './sealed-secrets'

export type RotationReport = {
  /** Data keys re-wrapped under the current master by this run. */
  rewrapped: number
  /** Data keys already under it (done by an earlier, interrupted run, or written since). */
  already: number
  /** Data keys that open under no master of the ring: reported, never changed. */
  failed: number
  secrets: { resealed: number; failed: number }
  stable: { rewrapped: number; failed: number }
  durationMs: number
}

/**
 * `keys rotate`: every data key wrapped under the current master. Online: batches of `batch` keys,
 * each in its own short transaction, so the app keeps reading and writing between them (a key is
 * replaced only if its row is still the one read: a key shredded meanwhile stays shredded).
 * Resumable: each row names the master that wrapped it, so a run stopped anywhere (kill -9 included,
 * an uncommitted batch rolls back) leaves rows under one master or the other, both of which the
 * ring opens, and the next run takes only those not yet under the current one. The data keys
 * themselves do not change, so nothing sealed with them is touched, documents included.
 */
export async function rotateKeys(
  db: Kysely<Database>,
  codec: Codec,
  keyring: MasterKeyring,
  options: { batch?: number; pauseMs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<RotationReport> {
  const started = performance.now()
  const batch = options.batch ?? 500
  const current = codec.masterKeyId
  const total = await count(db)
  const remaining = () =>
    db.selectFrom('person_keys').where((eb) => eb.or([eb('master_key_id', 'is', null), eb('master_key_id', '<>', current)]))
  let rewrapped = 0
  let failed = 0
  const todo = Number(
    (
      await remaining()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const already = total - todo
  let after = ''
  for (;;) {
    const step = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('person_keys')
        .select(['person_id', 'wrapped_key', 'master_key_id'])
        .where('person_id', '>', after)
        .where((eb) => eb.or([eb('master_key_id', 'is', null), eb('master_key_id', '<>', current)]))
        .orderBy('person_id')
        .limit(batch)
        .execute()
      let bad = 0
      const changes: { id: string; old: string; wrapped: string }[] = []
      for (const row of rows) {
        try {
          const key = codec.unwrapPersonKey(row.person_id, row.wrapped_key, row.master_key_id)
          changes.push({ id: row.person_id, old: row.wrapped_key, wrapped: codec.wrapPersonKey(row.person_id, key) })
        } catch {
          bad++
        }
      }
      // One statement per batch (a round trip per key made PostgreSQL 10× slower under load), found
      // by primary key on both engines (SQLite scans the whole table for an UPDATE … FROM); a row
      // whose wrapped key changed since it was read (shredded, or rotated by another run) is left alone.
      if (changes.length) {
        const byId = (value: (c: (typeof changes)[number]) => string) =>
          sql<string>`case person_id ${sql.join(
            changes.map((c) => sql`when ${c.id} then ${value(c)}`),
            sql` `,
          )} end`
        await trx
          .updateTable('person_keys')
          .set({ wrapped_key: byId((c) => c.wrapped), master_key_id: current })
          .where(
            'person_id',
            'in',
            changes.map((c) => c.id),
          )
          .where(
            'wrapped_key',
            '=',
            byId((c) => c.old),
          )
          .execute()
      }
      const done = changes.length
      return { last: rows.at(-1)?.person_id ?? null, done, bad }
    })
    rewrapped += step.done
    failed += step.bad
    if (step.last === null) break
    after = step.last
    options.onProgress?.(already + rewrapped + failed, total)
    if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs))
  }
  const secrets = await resealSecrets(db, codec)
  const stable = await rewrapStableKeys(db, keyring)
  return { rewrapped, already, failed, secrets, stable, durationMs: performance.now() - started }
}

/** Every value sealed with a system secret (SECRET_COLUMNS): sealed again under the current master unless it already opens under it. */
async function resealSecrets(db: Kysely<Database>, codec: Codec): Promise<{ resealed: number; failed: number }> {
  let resealed = 0
  let failed = 0
  for (const { table, column, aad } of SECRET_COLUMNS) {
    for (const secret of await sealedValues(db, table, column)) {
      if (codec.opensUnderCurrent(secret.sealed, aad(secret.id))) continue
      try {
        await replaceSealed(db, table, column, secret, codec.resealSecret(secret.sealed, aad(secret.id)))
        resealed++
      } catch {
        failed++
      }
    }
  }
  return { resealed, failed }
}

export type VerifyReport = {
  keys: { ok: number; failed: number }
  secrets: { ok: number; failed: number }
  stable: { ok: number; failed: number }
}

/** `keys verify`: every wrapped data key, TOTP seed and stable key opens under the current master alone. */
export async function verifyKeys(
  db: Kysely<Database>,
  codec: Codec,
  keyring: MasterKeyring,
  options: { batch?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<VerifyReport> {
  const batch = options.batch ?? 2000
  const total = await count(db)
  const keys = { ok: 0, failed: 0 }
  let after = ''
  for (;;) {
    const rows = await db
      .selectFrom('person_keys')
      .select(['person_id', 'wrapped_key'])
      .where('person_id', '>', after)
      .orderBy('person_id')
      .limit(batch)
      .execute()
    if (rows.length === 0) break
    for (const row of rows) {
      try {
        codec.unwrapPersonKey(row.person_id, row.wrapped_key, null, true)
        keys.ok++
      } catch {
        keys.failed++
      }
    }
    after = (rows.at(-1) as (typeof rows)[number]).person_id
    options.onProgress?.(keys.ok + keys.failed, total)
  }
  const secrets = { ok: 0, failed: 0 }
  for (const { table, column, aad } of SECRET_COLUMNS)
    for (const secret of await sealedValues(db, table, column)) {
      if (codec.opensUnderCurrent(secret.sealed, aad(secret.id))) secrets.ok++
      else secrets.failed++
    }
  return { keys, secrets, stable: await verifyStableKeys(db, keyring) }
}

async function count(db: Kysely<Database>): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('person_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
}
