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
    const pool = new pg.Pool({ connectionString: database.url, max: 10 })
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' }
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true })
  const sqlite = new SQLite(database.file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), kind: 'sqlite' }
}
