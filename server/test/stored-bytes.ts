import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { expect } from 'vitest'
import { DB_KIND, type TestApp } from './harness'

/**
 * Every stored byte of a test database: the SQLite file with its WAL and journal (checkpointed
 * first, so that nothing sits only in memory), or a pg_dump of the PostgreSQL database.
 */
export async function storedBytes(h: TestApp): Promise<Buffer> {
  if (DB_KIND === 'sqlite') {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(h.services.db)
    const file = (h.config.database as { file: string }).file
    const parts = [fs.readFileSync(file)]
    expect(parts[0]?.subarray(0, 15).toString(), 'an SQLite file').toBe('SQLite format 3')
    for (const extra of [`${file}-wal`, `${file}-journal`]) if (fs.existsSync(extra)) parts.push(fs.readFileSync(extra))
    return Buffer.concat(parts)
  }
  const bin = fs.existsSync('/usr/bin/pg_dump') ? '/usr/bin/pg_dump' : 'pg_dump'
  const dump = spawnSync(bin, [`--dbname=${h.databaseUrl}`, '--no-owner'], { maxBuffer: 256 * 1024 * 1024 })
  // Without pg_dump this fails here, saying so, rather than passing without looking.
  expect(dump.error, 'pg_dump is needed for this test').toBeUndefined()
  expect(dump.status, dump.stderr?.toString()).toBe(0)
  return dump.stdout
}

/** Which of `needles` occur in `haystack`, as UTF-8 or Latin-1, in any case. */
export function needlesIn(haystack: Buffer, needles: readonly string[]): string[] {
  const texts = [haystack.toString('utf8').toLowerCase(), haystack.toString('latin1').toLowerCase()]
  return needles.filter((n) => texts.some((t) => t.includes(n.toLowerCase())))
}

/** Every file below the given folders (those that do not exist hold none). */
export function filesUnder(roots: readonly string[]): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = []
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else out.push({ file: full, bytes: fs.readFileSync(full) })
    }
  }
  for (const root of roots) walk(root)
  return out
}
