import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely'
import pg from 'pg'
import type { Config } from '../config'
import type { Database } from './schema'
import { PreparingClient } from './pg-client'

export type Db = Kysely<Database>
export type DbKind = Config['database']['kind']

// int8 (bigint) and numeric come back as strings by default; our counters fit in a double.
pg.types.setTypeParser(20, (v) => Number(v))

export function openDatabase(database: Config['database']): { db: Db; kind: DbKind } {
  if (database.kind === 'postgres') {
    // Our queries are short index lookups; starting parallel workers for them cost more than it
    // saved in the 200,000-case benchmark (dashboard p95 71 → 48 ms), so this pool does not.
    const pool = new pg.Pool({
      connectionString: database.url,
      max: 10,
      options: '-c max_parallel_workers_per_gather=0',
      ...(database.preparedStatements === false ? {} : { Client: PreparingClient }),
    })
    // An idle connection the server closes (a restart, a failover, a terminate) is an 'error' event
    // of the pool, which ended the process when nobody listened (connection-loss.api.test.ts). The
    // pool has already dropped it and opens another at the next query; the warning names the
    // PostgreSQL code only, never a query or its values.
    pool.on('error', (error: Error & { code?: string }) => {
      process.emitWarning(`PostgreSQL closed an idle connection (${error.code ?? 'no code'}); the pool replaces it`, {
        code: 'PARCOURS_PG_IDLE_CLOSED',
      })
    })
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' }
  }
  if (database.file !== ':memory:') {
    fs.mkdirSync(path.dirname(database.file), { recursive: true, mode: 0o700 })
    // Created owner-only before SQLite opens it: SQLite gives the -wal and -shm files the mode of
    // the database file. Files an older version created 0644 are narrowed too.
    fs.closeSync(fs.openSync(database.file, 'a', 0o600))
    for (const file of [database.file, `${database.file}-wal`, `${database.file}-shm`]) {
      if (fs.existsSync(file)) fs.chmodSync(file, 0o600)
    }
  }
  const sqlite = new SQLite(database.file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // The default 2 MiB page cache is far smaller than the name index of a real caseload.
  sqlite.pragma('cache_size = -65536')
  return { db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite) }), kind: 'sqlite' }
}

/**
 * Kysely's SQLite driver opens transactions with a plain (deferred) BEGIN: a transaction that
 * reads before it writes, as every audited one does (the chain's head), then asks for the write
 * lock, and when another process (the CLI beside the server) committed in between SQLite answers
 * SQLITE_BUSY at once, without waiting. BEGIN IMMEDIATE takes the write lock first, and waits for
 * it (busy_timeout). In one process the driver already runs one transaction at a time.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SQLite.Database,
  ) {
    super(config)
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // On some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already rolled back: a second
    // rollback fails with "no transaction is active" and would hide the error that matters.
    if (!this.sqlite.inTransaction) return
    await super.rollbackTransaction(connection)
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  readonly #sqlite: SQLite.Database
  constructor(sqlite: SQLite.Database) {
    const config = { database: withStatementCache(sqlite) }
    super(config)
    this.#config = config
    this.#sqlite = sqlite
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#sqlite)
  }
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
