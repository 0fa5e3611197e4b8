import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import type { Config } from '../config'

/**
 * A backup is a directory (docs/backup.md):
 *   manifest.json       format, engine, time, and the SHA-256 of every file below
 *   database.sqlite     SQLite: a consistent copy made with SQLite's online backup API
 *   database.pgdump     PostgreSQL: `pg_dump --format=custom` (documents live in the database there)
 *   documents/…         the documents folder (SQLite's document content; on PostgreSQL, any left on disk)
 * It holds no key: every personal value in it is sealed, and the master key is kept apart (README).
 */
export const MANIFEST = 'manifest.json'
type Manifest = { format: 'parcours-backup'; version: 1; engine: 'sqlite' | 'postgres'; createdAt: string; files: Record<string, string> }

export class BackupError extends Error {}

export async function backup(config: Config, to: string): Promise<{ files: number; bytes: number; durationMs: number }> {
  const started = performance.now()
  if (fs.existsSync(to) && fs.readdirSync(to).length > 0) throw new BackupError(`${to} exists and is not empty: give a new directory`)
  fs.mkdirSync(to, { recursive: true, mode: 0o700 })
  if (config.database.kind === 'sqlite') {
    if (!fs.existsSync(config.database.file)) throw new BackupError('the SQLite database does not exist')
    // The online backup API copies a consistent state while the app keeps writing (WAL included).
    const source = new SQLite(config.database.file, { readonly: true, fileMustExist: true })
    try {
      await source.backup(path.join(to, 'database.sqlite'))
    } finally {
      source.close()
    }
  } else {
    const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', path.join(to, 'database.pgdump')], {
      env: { ...process.env, ...pgEnv(config.database.url) },
      encoding: 'utf8',
    })
    if (dump.error) throw new BackupError(pgToolMissing('pg_dump'))
    if (dump.status !== 0) throw new BackupError(`pg_dump failed: ${dump.stderr.trim().split('\n')[0] ?? ''}`)
  }
  // After the database: a document it names was written before its row committed, so it is here.
  // Files not (yet) named by a row are removed by the next start-up (ADR 0008).
  const documents = path.join(config.dataDir, 'documents')
  if (fs.existsSync(documents)) fs.cpSync(documents, path.join(to, 'documents'), { recursive: true })
  const files = Object.fromEntries(listFiles(to).map((f) => [f, sha256(path.join(to, f))]))
  const manifest: Manifest = {
    format: 'parcours-backup',
    version: 1,
    engine: config.database.kind,
    createdAt: new Date().toISOString(),
    files,
  }
  fs.writeFileSync(path.join(to, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 })
  const bytes = Object.keys(files).reduce((n, f) => n + fs.statSync(path.join(to, f)).size, 0)
  return { files: Object.keys(files).length, bytes, durationMs: performance.now() - started }
}

/**
 * Puts a backup in place of the configured database and documents folder, the app stopped. The
 * backup is checked whole (manifest, every file's hash) before anything is written; a target that
 * holds data is refused unless `force`, and is then emptied first.
 */
export async function restore(config: Config, from: string, options: { force?: boolean } = {}): Promise<{ files: number }> {
  const manifestFile = path.join(from, MANIFEST)
  if (!fs.existsSync(manifestFile)) throw new BackupError(`${from} is not a Parcours backup (no ${MANIFEST})`)
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest
  if (manifest.format !== 'parcours-backup' || manifest.version !== 1) throw new BackupError('unknown backup format')
  if (manifest.engine !== config.database.kind) {
    throw new BackupError(`this is a ${manifest.engine} backup; DATABASE_URL points to ${config.database.kind}`)
  }
  const listed = Object.keys(manifest.files).sort()
  const present = listFiles(from)
    .filter((f) => f !== MANIFEST)
    .sort()
  if (listed.join('\n') !== present.join('\n')) throw new BackupError('the backup does not hold the files its manifest lists')
  for (const f of listed) if (sha256(path.join(from, f)) !== manifest.files[f]) throw new BackupError(`${f} does not match its hash`)

  const documents = path.join(config.dataDir, 'documents')
  const hasDocuments = fs.existsSync(documents) && listFiles(documents).length > 0
  if (config.database.kind === 'sqlite') {
    const file = config.database.file
    if (!options.force && (sqliteHoldsTables(file) || hasDocuments)) {
      throw new BackupError('the target database or documents folder is not empty: stop the app and add --force to replace them')
    }
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.copyFileSync(path.join(from, 'database.sqlite'), file)
  } else {
    const client = new pg.Client({ connectionString: config.database.url })
    await client.connect()
    try {
      const tables = await client.query<{ n: string }>(`select count(*) as n from information_schema.tables where table_schema = 'public'`)
      const nonEmpty = Number(tables.rows[0]?.n ?? 0) > 0 || hasDocuments
      if (nonEmpty && !options.force) {
        throw new BackupError('the target database or documents folder is not empty: stop the app and add --force to replace them')
      }
      if (nonEmpty) await client.query('drop schema public cascade; create schema public')
    } finally {
      await client.end()
    }
    const run = spawnSync(
      'pg_restore',
      [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        '--dbname',
        pgEnv(config.database.url).PGDATABASE ?? '',
        path.join(from, 'database.pgdump'),
      ],
      { env: { ...process.env, ...pgEnv(config.database.url) }, encoding: 'utf8' },
    )
    if (run.error) throw new BackupError(pgToolMissing('pg_restore'))
    if (run.status !== 0) throw new BackupError(`pg_restore failed: ${run.stderr.trim().split('\n')[0] ?? ''}`)
  }
  fs.rmSync(documents, { recursive: true, force: true })
  if (fs.existsSync(path.join(from, 'documents'))) fs.cpSync(path.join(from, 'documents'), documents, { recursive: true })
  return { files: listed.length }
}

function sqliteHoldsTables(file: string): boolean {
  if (file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0) return false
  const db = new SQLite(file, { readonly: true })
  try {
    return (db.prepare(`select count(*) as n from sqlite_master where type = 'table'`).get() as { n: number }).n > 0
  } finally {
    db.close()
  }
}

/** The connection as libpq's variables, so that the password is not on a command line (ps shows those). */
function pgEnv(url: string): Record<string, string> {
  const u = new URL(url)
  const env: Record<string, string> = { PGHOST: u.hostname, PGPORT: u.port || '5432', PGDATABASE: decodeURIComponent(u.pathname.slice(1)) }
  if (u.username) env.PGUSER = decodeURIComponent(u.username)
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password)
  const sslmode = u.searchParams.get('sslmode')
  if (sslmode) env.PGSSLMODE = sslmode
  return env
}

function pgToolMissing(tool: string): string {
  return `${tool} is not on PATH: install the PostgreSQL client tools of your server's major version (Debian: postgresql-client), or see docs/backup.md for the commands to run by hand`
}

function listFiles(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name
    return e.isDirectory() ? listFiles(root, rel) : [rel]
  })
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}
