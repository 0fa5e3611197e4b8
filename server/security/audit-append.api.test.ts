import crypto from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_KIND, startTestApp, type TestApp } from '../test/harness'
import { type AuditEntry, appendAudit, appendAuditMany, entryHash, verifyAudit } from './audit.chain'
import { sqliteFileOf, verifyAuditParallel } from './audit.verify'

let h: TestApp
beforeAll(async () => {
  h = await startTestApp()
})
afterAll(() => h?.close())

const entry = (i: number, persons: string[], over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString(),
  actorId: crypto.randomUUID(),
  actorRole: i % 2 ? 'worker' : null,
  action: 'person.viewed',
  subjectType: i % 3 ? 'person' : null,
  subjectId: persons[0] ?? null,
  personId: persons[0] ?? null,
  persons,
  purpose: i % 4 ? null : 'suivi «urgent» — sœur',
  outcome: 'success',
  requestId: crypto.randomUUID(),
  clientIp: '127.0.0.1',
  details: i % 5 ? null : { shown: persons.length, note: 'ünïcödé ✓' },
  ...over,
})

describe('appending a batch of audit entries (one statement per table)', () => {
  it('stores every entry as given, in order, chained, with exactly its persons in the index', async () => {
    const db = h.services.db
    const shared = crypto.randomUUID()
    const many = Array.from({ length: 60 }, () => crypto.randomUUID())
    const batch = [
      entry(0, []),
      entry(1, [shared]),
      entry(2, [shared, crypto.randomUUID(), shared]),
      entry(3, many),
      entry(4, [], { details: { nested: { list: [1, 2, 3] } } }),
      entry(5, [shared]),
    ]
    const seqs = await db.transaction().execute((trx) => appendAuditMany(trx, batch))
    expect(seqs).toHaveLength(batch.length)
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe((seqs[i - 1] as number) + 1)

    const rows = await db.selectFrom('audit_log').selectAll().where('seq', 'in', seqs).orderBy('seq').execute()
    expect(rows.map((r) => Number(r.seq))).toEqual(seqs)
    rows.forEach((r, i) => {
      const e = batch[i] as AuditEntry
      expect(r).toMatchObject({
        at: e.at,
        actor_id: e.actorId,
        actor_role: e.actorRole,
        action: e.action,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        person_id: e.personId,
        purpose: e.purpose,
        outcome: e.outcome,
        request_id: e.requestId,
        client_ip: e.clientIp,
      })
      expect(r.details === null ? null : JSON.parse(r.details)).toEqual(e.details)
      // Each person once, main one first.
      expect(r.persons === null ? [] : r.persons.split(',')).toEqual([...new Set([...(e.personId ? [e.personId] : []), ...e.persons])])
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]?.hash)
      expect(r.hash).toBe(entryHash(r.prev_hash, { ...r, seq: Number(r.seq) }))
    })
    const index = await db.selectFrom('audit_persons').select(['person_id', 'seq']).where('seq', 'in', seqs).execute()
    const expected = rows.flatMap((r) => (r.persons ? r.persons.split(',').map((p) => `${p}@${r.seq}`) : []))
    expect(index.map((x) => `${x.person_id}@${x.seq}`).sort()).toEqual(expected.sort())
    expect(index.filter((x) => x.person_id === shared)).toHaveLength(3)

    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow()
    expect(Number(head.seq)).toBe(seqs.at(-1))
    expect(head.hash).toBe(rows.at(-1)?.hash)
    expect((await verifyAudit(db)).ok).toBe(true)
  })

  it('a single entry and then a batch continue the same chain', async () => {
    const db = h.services.db
    const one = await db.transaction().execute((trx) => appendAudit(trx, entry(9, [crypto.randomUUID()])))
    const more = await db.transaction().execute((trx) => appendAuditMany(trx, [entry(10, []), entry(11, [])]))
    expect(more).toEqual([one + 1, one + 2])
    expect((await verifyAudit(db)).ok).toBe(true)
  })

  it('a batch that fails to store leaves neither entries nor head behind', async () => {
    const db = h.services.db
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow()
    await expect(
      db.transaction().execute((trx) => appendAuditMany(trx, [entry(12, []), entry(13, [], { action: 'x\x1fy' })])),
    ).rejects.toThrow(/separator/)
    expect(await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow()).toEqual(head)
    expect((await verifyAudit(db)).ok).toBe(true)
  })
})

describe('the parallel check of the chain (audit verify) agrees with the sequential walk', () => {
  it('on a sound chain, and on an edited, deleted or truncated one, with the same entry and reason', { timeout: 120_000 }, async () => {
    const db = h.services.db
    const file = sqliteFileOf(h.config)
    if (DB_KIND === 'sqlite') expect(file).toMatch(/\.sqlite$/)
    for (let b = 0; b < 6; b++)
      await db.transaction().execute((trx) =>
        appendAuditMany(
          trx,
          Array.from({ length: 500 }, (_, i) => entry(i, i % 2 ? [crypto.randomUUID()] : [])),
        ),
      )
    const same = async () => {
      const walk = await verifyAudit(db)
      const parallel = await verifyAuditParallel(db, { sqliteFile: file })
      expect({ ...parallel, durationMs: 0 }).toEqual({ ...walk, durationMs: 0 })
      return walk
    }
    const end = (await same()).entries
    expect(end).toBeGreaterThan(3000)

    if (DB_KIND === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(db)
      await sql`drop trigger audit_log_no_delete`.execute(db)
      await sql`drop trigger audit_persons_no_delete`.execute(db)
    } else {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db)
      await sql`alter table audit_persons disable trigger audit_persons_no_update`.execute(db)
    }
    const k = Math.floor(end * 0.7)
    const row = await db.selectFrom('audit_log').selectAll().where('seq', '=', k).executeTakeFirstOrThrow()
    await db.updateTable('audit_log').set({ outcome: 'denied' }).where('seq', '=', k).execute()
    expect(await same()).toMatchObject({ ok: false, firstBadSeq: k, reason: 'altered entry' })
    await db.updateTable('audit_log').set({ outcome: row.outcome }).where('seq', '=', k).execute()
    expect((await same()).ok).toBe(true)

    await db.deleteFrom('audit_log').where('seq', '=', k).execute()
    expect(await same()).toMatchObject({ ok: false, firstBadSeq: k })
    await db.insertInto('audit_log').values(row).execute()
    expect((await same()).ok).toBe(true)

    // A person taken out of the index only: the entries hold, the index does not.
    const indexed = await db.selectFrom('audit_persons').selectAll().where('seq', '>', 10).limit(1).executeTakeFirstOrThrow()
    await db.deleteFrom('audit_persons').where('seq', '=', indexed.seq).where('person_id', '=', indexed.person_id).execute()
    expect(await same()).toMatchObject({ ok: false, firstBadSeq: Number(indexed.seq), reason: 'person index differs from the entry' })
    await db.insertInto('audit_persons').values(indexed).execute()

    await db.deleteFrom('audit_log').where('seq', '=', end).execute()
    expect(await same()).toMatchObject({ ok: false, firstBadSeq: end, reason: 'missing entries at the end' })
  })
})
