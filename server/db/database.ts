import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Config } from '../config'
import type { Database } from './schema'

export type Db = Kysely<Database>
export type DbKind = Config['database']['kind']

// int8 (bigint) and numeric come back as strings by default; our counters fit in a double.
pg.types.setTypeParser(20, (v) => Number(v))

export function openDatabase(database: Config['database']): { db: Db; kind: DbKind } {
  if (database.kind === 'postgres') {
    // Our queries are short index lookups; starting parallel workers for them cost more than it
    // saved in the 200,000-case benchmark (dashboard p95 71 → 48 ms), so this pool does not.
    const pool = new pg.Pool({ connectionString: database.url, max: 10, options: '-c max_parallel_workers_per_gather=0' })
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' }
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true })
  const sqlite = new SQLite(database.file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // The default 2 MiB page cache is far smaller than the name index of a real caseload.
  sqlite.pragma('cache_size = -65536')
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), kind: 'sqlite' }
}

/**
 * Kysely prepares every statement anew; better-sqlite3 statements are reusable, and preparing
 * costs as much as running a small query. Our SQL texts are few (values are parameters), so a
 * bounded cache keyed by SQL text removes that cost.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => {
      cache.clear()
      sqlite.close()
    },
    prepare: (text: string) => {
      let statement = cache.get(text)
      if (!statement) {
        if (cache.size >= 500) cache.delete(cache.keys().next().value as string)
        statement = sqlite.prepare(text)
        cache.set(text, statement)
      }
      return statement
    },
  }
}
