import fs from 'node:fs'
import { sql } from 'kysely'
import type { Db } from './database'
import { MIGRATION_NAMES } from './migrate'

/** Below this much free space in the data folder, the instance says it cannot take writes. */
const MIN_FREE_BYTES = 1_048_576

/** Error codes that mean "no space left": SQLite, the operating system, PostgreSQL (53100 disk_full). */
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100'])

export function isStorageFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (FULL_CODES.has(String((e as { code?: unknown }).code))) return true
  }
  return false
}

/**
 * Whether the database and the data folder can take writes. A request that met a full disk marks
 * it; readiness then answers "storage full" until a write succeeds again (probed here), so a load
 * balancer sends the traffic elsewhere while the disk is full — liveness stays up: restarting the
 * process frees no space.
 */
export class StorageState {
  private fullSince: number | null = null
  markFull(): void {
    this.fullSince ??= Date.now()
  }
  get full(): boolean {
    return this.fullSince !== null
  }
  clear(): void {
    this.fullSince = null
  }
}

/** Why this instance should not receive traffic, or null when it may. */
export async function notReadyReason(db: Db, dataDir: string, storage: StorageState): Promise<string | null> {
  let applied: string[]
  try {
    applied = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name)
  } catch {
    return 'database unreachable'
  }
  const pending = MIGRATION_NAMES.filter((m) => !applied.includes(m))
  if (pending.length > 0) return `migrations pending: ${pending.length}`
  if (applied.some((m) => !MIGRATION_NAMES.includes(m))) return 'the database is newer than this version'
  try {
    const { bavail, bsize } = fs.statfsSync(dataDir)
    if (bavail * bsize < MIN_FREE_BYTES) {
      storage.markFull()
      return 'storage full'
    }
  } catch {
    // No data folder yet (PostgreSQL, nothing stored on disk): nothing to measure.
  }
  if (storage.full) {
    try {
      const now = new Date().toISOString()
      await db
        .insertInto('system_state')
        .values({ key: 'storage_probe', value: now, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: now, updated_at: now }))
        .execute()
      storage.clear()
    } catch (e) {
      return isStorageFull(e) ? 'storage full' : 'database unreachable'
    }
  }
  return null
}
