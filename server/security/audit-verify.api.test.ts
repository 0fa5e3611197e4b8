import crypto from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KIND, startTestApp, type TestApp } from '../test/harness'
import { type AuditEntry, appendAuditMany, entryHash, verifyAudit } from './audit.chain'
import { sqliteFileOf, verifyAuditParallel } from './audit.verify'

let h: TestApp
beforeAll(async () => {
  h = await startTestApp()
})
afterAll(() => h?.close())

const entry = (i: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 11, 2, 9, 0, i)).toISOString(),
  actorId: crypto.randomUUID(),
  actorRole: 'worker',
  action: 'person.viewed',
  subjectType: 'person',
  subjectId: null,
  personId: i % 3 ? crypto.randomUUID() : null,
  persons: [],
  purpose: i % 4 ? null : 'suivi',
  outcome: 'success',
  requestId: crypto.randomUUID(),
  clientIp: '127.0.0.1',
  details: null,
})

/**
 * `audit verify` splits the chain into stretches checked apart (SQLite: one worker thread each;
 * PostgreSQL: one connection each) and joins them at the seams. A change at a seam is the case a
 * split could miss: the stretch before ends well, the one after starts well on its own.
 */
describe('the chain split into stretches still finds a change at a seam, at the right entry', () => {
  const stretches = 3
  const check = async () => {
    const db = h.services.db
    const walk = await verifyAudit(db)
    const split = await verifyAuditParallel(db, { sqliteFile: sqliteFileOf(h.config), stretches })
    expect({ ...split, durationMs: 0 }).toEqual({ ...walk, durationMs: 0 })
    return split
  }

  it('edited, deleted or relinked entries on either side of a seam', { timeout: 120_000 }, async () => {
    const db = h.services.db
    if (DB_KIND === 'sqlite') expect(sqliteFileOf(h.config)).toMatch(/\.sqlite$/)
    await db.transaction().execute((trx) =>
      appendAuditMany(
        trx,
        Array.from({ length: 60 }, (_, i) => entry(i)),
      ),
    )
    const end = (await check()).entries
    expect(end).toBeGreaterThanOrEqual(60)
    // The stretches the check cuts: [1, size], [size + 1, 2 size], …
    const seam = Math.ceil(end / stretches)

    if (DB_KIND === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(db)
      await sql`drop trigger audit_log_no_delete`.execute(db)
    } else {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db)
    }
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', seam - 1)
      .orderBy('seq')
      .execute()
    const lastOfFirst = rows[0] as (typeof rows)[number]
    const firstOfSecond = rows[1] as (typeof rows)[number]
    expect(Number(firstOfSecond.seq)).toBe(seam + 1)

    // Edited: the last entry of a stretch, then the first of the next.
    for (const row of [lastOfFirst, firstOfSecond]) {
      await db.updateTable('audit_log').set({ outcome: 'denied' }).where('seq', '=', row.seq).execute()
      expect(await check()).toMatchObject({ ok: false, firstBadSeq: Number(row.seq), reason: 'altered entry' })
      await db.updateTable('audit_log').set({ outcome: row.outcome }).where('seq', '=', row.seq).execute()
      expect((await check()).ok).toBe(true)
    }

    // Deleted: the first entry of the second stretch.
    await db.deleteFrom('audit_log').where('seq', '=', firstOfSecond.seq).execute()
    expect(await check()).toMatchObject({ ok: false, firstBadSeq: seam + 1, reason: 'missing entry' })
    await db.insertInto('audit_log').values(firstOfSecond).execute()
    expect((await check()).ok).toBe(true)

    // Relinked: from the seam on, the chain is rewritten onto another previous hash, every hash
    // and the head recomputed. Each stretch then holds on its own; only the join shows it.
    let prev = 'f'.repeat(64)
    for (const row of rows.slice(1)) {
      const hash = entryHash(prev, { ...row, seq: Number(row.seq) })
      await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute()
      prev = hash
    }
    await db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute()
    expect(await check()).toMatchObject({ ok: false, firstBadSeq: seam + 1, reason: 'broken link' })
  })
})
