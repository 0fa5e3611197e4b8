import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { auditRows, DB_KIND, startTestApp, type TestApp } from '../test/harness'
import { entryHash, verifyAudit } from './audit.chain'
import { runCli } from '../test/cli'

let h: TestApp
beforeAll(async () => {
  h = await startTestApp()
})
afterAll(() => h.close())

const cli = (...args: string[]) => runCli(h, ['audit', ...args], { timeout: 60_000 })

it('an anchor kept outside the database exposes a log rewritten with every hash recomputed', { timeout: 120_000 }, async () => {
  const worker = await h.as(['worker'])
  expect((await worker.post('/api/persons', { firstName: 'Anchor', lastName: 'Before' })).statusCode).toBe(201)
  const head = cli('head')
  expect(head.status, head.stderr).toBe(0)
  const anchor = /anchor: (\d+:[0-9a-f]{64})/.exec(head.stdout)?.[1] as string
  expect(anchor).toBeTruthy()
  expect((await worker.post('/api/persons', { firstName: 'Anchor', lastName: 'After' })).statusCode).toBe(201)

  const matching = cli('verify', '--anchor', anchor)
  expect(matching.status, matching.stderr).toBe(0)
  expect(matching.stdout).toContain('matches 1 anchor')

  // Someone with write access to the database edits an early entry and recomputes every hash
  // after it, head included: the chain alone still verifies.
  const db = h.services.db
  if (DB_KIND === 'sqlite') await sql`drop trigger audit_log_no_update`.execute(db)
  else await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db)
  const rows = await auditRows(h.services)
  const k = 2
  let prev = rows[k - 2]!.hash
  for (const row of rows.slice(k - 1)) {
    const edited = row.seq === rows[k - 1]!.seq ? { ...row, outcome: 'denied' as const } : row
    const hash = entryHash(prev, edited)
    await db.updateTable('audit_log').set({ outcome: edited.outcome, prev_hash: prev, hash }).where('seq', '=', row.seq).execute()
    prev = hash
  }
  await db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute()
  expect((await verifyAudit(db)).ok).toBe(true)

  const rewritten = cli('verify', '--anchor', anchor)
  expect(rewritten.status).toBe(1)
  expect(rewritten.stderr).toContain(`does NOT MATCH its anchor at entry ${anchor.split(':')[0]}`)
  expect(cli('verify', '--anchor', 'not-an-anchor').status).toBe(2)
})
