import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import type { Config } from '../config'

/**
 * Locks held by the operating system through SQLite's own file locking (fcntl), taken on a small
 * lock file: the kernel releases them when the process ends, however it ends (a crash, kill -9,
 * a container stopped), so there is no stale lock to detect — a pid file could name a pid
 * that a new process now has, or one in another container's pid space. They hold wherever SQLite's
 * own locking holds (local disks; not every network file system, where SQLite is unsafe anyway).
 */
function tryExclusive(file: string): SQLite.Database | null {
  fs.closeSync(fs.openSync(file, 'a', 0o600))
  const lock = new SQLite(file, { timeout: 0 })
  try {
    lock.exec('begin exclusive')
    // An exclusive transaction takes the file lock when it first touches the file.
    lock.exec('create table if not exists held (pid integer)')
    return lock
  } catch (e) {
    lock.close()
    if ((e as { code?: string }).code === 'SQLITE_BUSY' || (e as { code?: string }).code === 'SQLITE_LOCKED') return null
    throw e
  }
}

export class DataFolderInUse extends Error {}

/**
 * One server per SQLite data folder. A second one would share the database (SQLite allows it) but
 * not what each process keeps in memory: the refusal counts, the read batches; and two servers on
 * one folder is an operator's mistake (a second `npm start`, a copy of a unit file). The CLI is
 * not refused: it runs beside the server, its writes serialised by BEGIN IMMEDIATE.
 */
export function lockDataFolder(dataDir: string): { release: () => void } {
  const file = path.join(dataDir, 'parcours.lock')
  const pidFile = `${file}.pid`
  const lock = tryExclusive(file)
  if (!lock) {
    const pid = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').trim() : 'unknown'
    throw new DataFolderInUse(
      `Another Parcours server (pid ${pid}) is using the data folder ${dataDir}.\n` +
        'Stop it first, or give this one another PARCOURS_DATA_DIR (SQLite: one server per data folder; ' +
        'several instances need PostgreSQL).',
    )
  }
  fs.writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 })
  return {
    release: () => {
      fs.rmSync(pidFile, { force: true })
      lock.close()
    },
  }
}

// Any constant: every instance of Parcours on one PostgreSQL database takes the same lock.
const STARTUP_LOCK_KEY = 7_093_416_215_301_009

/**
 * Runs the start-up writes (migrations, built-in instruments, name reindex, demo seed) while
 * holding a lock that every instance starting on the same database takes: replicas started
 * together run them one after the other, and the later ones find the work done. On PostgreSQL a
 * session advisory lock on a connection of its own; on SQLite a lock file beside the database,
 * polled rather than waited on (SQLite's wait would block the event loop of a process that
 * holds the lock itself in another connection).
 */
export async function withStartupLock<T>(database: Config['database'], fn: () => Promise<T>): Promise<T> {
  if (database.kind === 'postgres') {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY])
      return await fn()
    } finally {
      await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined)
      await client.end()
    }
  }
  if (database.file === ':memory:') return fn()
  const file = `${database.file}.startup-lock`
  let lock = tryExclusive(file)
  while (!lock) {
    await new Promise((resolve) => setTimeout(resolve, 25))
    lock = tryExclusive(file)
  }
  try {
    return await fn()
  } finally {
    lock.close()
  }
}
