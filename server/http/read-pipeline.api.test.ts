import crypto from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { AuditEntry } from '../security/audit.chain'
import { verifyAudit } from '../security/audit.chain'
import { auditRows, DB_KIND, startTestApp, type TestApp } from '../test/harness'
import { ReadBatcher } from './read-batcher'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

/** A promise the test resolves when it chooses. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

const entryFor = (requestId: string) => (): AuditEntry => ({
  at: new Date().toISOString(),
  actorId: null,
  actorRole: 'worker',
  action: 'person.viewed',
  subjectType: null,
  subjectId: null,
  personId: null,
  persons: [],
  purpose: null,
  outcome: 'success',
  requestId,
  clientIp: '127.0.0.1',
  details: null,
})

/** A read whose progress the test watches: started, and released (its batch committed). */
function watchedRead(batcher: ReadBatcher, readGate?: Promise<void>) {
  const requestId = crypto.randomUUID()
  const state = { started: false, released: false, requestId }
  const result = batcher
    .run<string>(async (trx) => {
      state.started = true
      await sql`select 1`.execute(trx)
      await readGate
      return requestId
    }, entryFor(requestId))
    .then((value) => {
      state.released = true
      return value
    })
  return { state, result }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

it('lets one batch read at a time, and the next read only once the one before has read', async () => {
  const batcher = new ReadBatcher(t.services.db, { inFlight: 2 })
  const first = gate()
  const a = [watchedRead(batcher, first.opened), watchedRead(batcher, first.opened)]
  await vi.waitFor(() => expect(a.every((r) => r.state.started)).toBe(true))
  const b = [watchedRead(batcher), watchedRead(batcher)]
  for (let i = 0; i < 5; i++) await tick()
  // Batch A is still reading: B waits, so that a batch takes every read that arrived meanwhile.
  expect(b.some((r) => r.state.started)).toBe(false)
  first.open()
  expect(await Promise.all([...a, ...b].map((r) => r.result))).toEqual([...a, ...b].map((r) => r.state.requestId))
  const ids = (await auditRows(t.services)).map((r) => r.request_id)
  // Each read has its entry, in the order the batches took the head.
  expect(
    [...a, ...b].map((r) => ids.indexOf(r.state.requestId)).every((at, i, all) => at >= 0 && (i === 0 || at > (all[i - 1] ?? 0))),
  ).toBe(true)
  expect((await verifyAudit(t.services.db)).ok).toBe(true)
})

it('on PostgreSQL, reads the next batch while the one before waits to commit, and releases neither before its own commit', async () => {
  if (DB_KIND !== 'postgres') {
    // SQLite has one connection: the services run one batch at a time, which is checked here instead.
    const batcher = new ReadBatcher(t.services.db, { inFlight: 1 })
    const first = gate()
    const a = watchedRead(batcher, first.opened)
    await vi.waitFor(() => expect(a.state.started).toBe(true))
    const b = watchedRead(batcher)
    first.open()
    await a.result
    expect(b.state.released).toBe(false)
    await b.result
    expect((await verifyAudit(t.services.db)).ok).toBe(true)
    return
  }
  const batcher = new ReadBatcher(t.services.db, { inFlight: 2 })
  // Another writer holds the audit head (as a batch does until its commit is on disk).
  const holding = gate()
  const held = gate()
  const holder = t.services.db.transaction().execute(async (trx) => {
    await sql`update audit_head set seq = seq where id = 1`.execute(trx)
    held.open()
    await holding.opened
  })
  await held.opened
  const a = [watchedRead(batcher), watchedRead(batcher)]
  await vi.waitFor(() => expect(a.every((r) => r.state.started)).toBe(true))
  const b = [watchedRead(batcher), watchedRead(batcher)]
  // A has read and waits for the head: B starts its reads meanwhile.
  await vi.waitFor(() => expect(b.every((r) => r.state.started)).toBe(true))
  for (let i = 0; i < 5; i++) await tick()
  expect([...a, ...b].some((r) => r.state.released)).toBe(false)
  expect(batcher.batchesInFlight).toBe(2)
  holding.open()
  await holder
  expect(await Promise.all([...a, ...b].map((r) => r.result))).toEqual([...a, ...b].map((r) => r.state.requestId))
  const ids = (await auditRows(t.services)).map((r) => r.request_id)
  for (const r of [...a, ...b]) expect(ids).toContain(r.state.requestId)
  expect((await verifyAudit(t.services.db)).ok).toBe(true)
})
