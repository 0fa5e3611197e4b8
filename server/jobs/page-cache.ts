import { sql } from 'kysely'
import type { Trx } from '../http/context'
import type { DbKind } from '../db/database'

/**
 * Runs `fn` with SQLite's page cache held to `kib` KiB, then gives the cache its size back. The
 * cache belongs to the connection, which the whole process shares (database.ts sets 64 MiB): a read
 * that walks far more than that, such as a study extract over a team of 120,000 cases, would fill
 * it with pages read once, and the process's memory with it. Lowering the size lets the pages
 * beyond it go at once; giving it back lets the service's own reads fill it again. Each call is
 * whole in itself (the size is given back even when `fn` throws), so nothing is left narrowed. On
 * PostgreSQL the cache is the server's, not the process's: `fn` alone.
 */
export async function withPageCache<T>(trx: Trx, kind: DbKind, kib: number, fn: () => Promise<T>): Promise<T> {
  if (kind !== 'sqlite') return fn()
  const [row] = (await sql<{ cache_size: number }>`pragma cache_size`.execute(trx)).rows
  await sql.raw(`pragma cache_size = -${Math.max(1, Math.floor(kib))}`).execute(trx)
  try {
    return await fn()
  } finally {
    if (row) await sql.raw(`pragma cache_size = ${Math.trunc(Number(row.cache_size))}`).execute(trx)
  }
}
