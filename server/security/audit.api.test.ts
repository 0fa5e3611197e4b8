import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, DB_KIND, json, startTestApp, type TestApp } from '../test/harness'
import { verifyAudit } from './audit.chain'
import { runCli } from '../test/cli'

let h: TestApp
let worker: Agent & { userId: string }
let dpo: Agent & { userId: string }
const WORKER_IP = '10.20.30.40'

beforeAll(async () => {
  h = await startTestApp()
  const u = await h.user(['worker'])
  const agent = h.agent(WORKER_IP)
  expect((await agent.post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
  worker = Object.assign(agent, { userId: u.id })
  dpo = await h.as(['dpo'])
})
afterAll(() => h?.close())

const lastSeq = async () => Number((await h.services.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq)
const newRows = async (after: number) => (await auditRows(h.services)).filter((r) => Number(r.seq) > after)
const createPerson = async (lastName = 'Audited') => json(await worker.post('/api/persons', { firstName: 'Noor', lastName }))

describe('every write and read of personal data leaves exactly one entry', () => {
  it('creating a person appends one person.created entry with who, as what, from where, which request', async () => {
    const before = await lastSeq()
    const res = await worker.post(
      '/api/persons',
      { firstName: 'Noor', lastName: 'Audited' },
      { 'x-parcours-purpose': 'intake.first-contact' },
    )
    expect(res.statusCode).toBe(201)
    const rows = await newRows(before)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      action: 'person.created',
      subject_type: 'person',
      subject_id: json(res).id,
      person_id: json(res).id,
      actor_id: worker.userId,
      actor_role: 'worker',
      request_id: res.headers['x-request-id'],
      client_ip: WORKER_IP,
      purpose: 'intake.first-contact',
      outcome: 'success',
    })
    expect(rows[0]?.details ?? '').not.toContain('Noor')
  })

  it('a stale If-Match (412) leaves no entry and no change, not even in the name index', async () => {
    const person = await createPerson('Before')
    const before = await lastSeq()
    const res = await worker.put(`/api/persons/${person.id}`, { firstName: 'Noor', lastName: 'Zwanenburg' }, { 'if-match': '"7"' })
    expect(res.statusCode).toBe(412)
    expect(json(res).code).toBe('version.mismatch')
    expect(await newRows(before)).toEqual([])
    const search = json(await worker.post('/api/persons/search', { q: 'Noor Zwanenburg' }))
    expect(search.items).toEqual([])
    const view = json(await worker.get(`/api/persons/${person.id}`))
    expect(view).toMatchObject({ lastName: 'Before', version: 1 })
  })

  it('a change whose audit entry cannot be written does not commit', async () => {
    const person = await createPerson('Unchanged')
    // Make the database refuse this one kind of entry, as a full disk or a crash would.
    if (DB_KIND === 'sqlite') {
      await sql`create trigger refuse_update_entry before insert on audit_log when new.action = 'person.updated'
        begin select raise(abort, 'refused'); end`.execute(h.services.db)
    } else {
      await sql`create function refuse_update_entry() returns trigger language plpgsql as $$
        begin if new.action = 'person.updated' then raise exception 'refused'; end if; return new; end $$`.execute(h.services.db)
      await sql`create trigger refuse_update_entry before insert on audit_log for each row execute function refuse_update_entry()`.execute(
        h.services.db,
      )
    }
    try {
      const res = await worker.put(`/api/persons/${person.id}`, { firstName: 'Noor', lastName: 'Changed' }, { 'if-match': '"1"' })
      expect(res.statusCode).toBe(500)
      expect(res.body).not.toContain('refused')
    } finally {
      await sql`drop trigger refuse_update_entry${DB_KIND === 'postgres' ? sql` on audit_log` : sql``}`.execute(h.services.db)
      if (DB_KIND === 'postgres') await sql`drop function refuse_update_entry()`.execute(h.services.db)
    }
    expect(json(await worker.get(`/api/persons/${person.id}`))).toMatchObject({ lastName: 'Unchanged', version: 1 })
    expect(json(await worker.post('/api/persons/search', { q: 'Noor Changed' })).items).toEqual([])
    expect((await verifyAudit(h.services.db)).ok).toBe(true)
  })

  it('reading a person appends person.viewed', async () => {
    const person = await createPerson()
    const before = await lastSeq()
    const res = await worker.get(`/api/persons/${person.id}`)
    expect(res.statusCode).toBe(200)
    const rows = await newRows(before)
    expect(rows.map((r) => [r.action, r.subject_id, r.person_id, r.actor_id, r.request_id])).toEqual([
      ['person.viewed', person.id, person.id, worker.userId, res.headers['x-request-id']],
    ])
  })

  it("asking for someone else's person answers 404 and records access.denied (not_found)", async () => {
    const person = await createPerson()
    const other = await h.as(['worker'])
    const before = await lastSeq()
    const res = await other.get(`/api/persons/${person.id}`)
    expect(res.statusCode).toBe(404)
    const rows = await newRows(before)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      action: 'access.denied',
      outcome: 'not_found',
      subject_type: 'person',
      subject_id: person.id,
      person_id: person.id,
      actor_id: other.userId,
    })
  })

  it('audits sign-in success and failure without storing the e-mail typed', async () => {
    const u = await h.user(['lead'])
    const before = await lastSeq()
    expect((await h.agent().post('/api/auth/login', { email: u.email, password: 'not the password at all' })).statusCode).toBe(401)
    expect(
      (await h.agent().post('/api/auth/login', { email: 'nobody-xyz@test.parcours.test', password: 'whatever it is' })).statusCode,
    ).toBe(401)
    expect((await h.agent().post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
    const rows = await newRows(before)
    expect(rows.map((r) => [r.action, r.outcome, r.subject_id])).toEqual([
      ['auth.login', 'failure', u.id],
      ['auth.login', 'failure', null],
      ['auth.login', 'success', u.id],
    ])
    expect(JSON.parse(rows[1]?.details ?? '{}').account).toMatch(/^[A-Za-z0-9_-]{10,}$/)
    expect(JSON.stringify(rows)).not.toContain('nobody-xyz')
  })
})

// The DPO's questions of the log (by person, user, kind, action, dates) are tested in
// modules/audit/audit.api.test.ts; their query plans in modules/audit/audit-plans.api.test.ts.
describe('the DPO verifies the chain through the API', () => {
  it('verifies the chain for a DPO only', async () => {
    const res = await dpo.get('/api/audit/verify')
    expect(res.statusCode).toBe(200)
    expect(json(res)).toMatchObject({ ok: true, firstBadSeq: null, entries: (await lastSeq()) - 1 })
    expect((await auditRows(h.services, 'audit.verified')).at(-1)).toMatchObject({ actor_id: dpo.userId, outcome: 'success' })
    const refused = await worker.get('/api/audit/verify')
    expect(refused.statusCode).toBe(403)
    expect(json(refused).code).toBe('access.forbidden')
    expect((await worker.get('/api/audit')).statusCode).toBe(403)
  })
})

describe('the hash chain', () => {
  it('the database itself refuses to update, delete or truncate entries', async () => {
    const db = h.services.db
    await expect(db.updateTable('audit_log').set({ action: 'forged' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
    if (DB_KIND === 'postgres') await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/)
    expect((await auditRows(h.services)).find((r) => Number(r.seq) === 1)?.action).not.toBe('forged')
    expect((await verifyAudit(db)).ok).toBe(true)
  })

  it('detects an edited, deleted, reordered or truncated entry; the CLI agrees', { timeout: 120_000 }, async () => {
    const db = h.services.db
    const cli = () => runCli(h, ['audit', 'verify'], { timeout: 60_000 })
    const intact = cli()
    expect(intact.status, intact.stderr).toBe(0)
    expect(intact.stdout).toMatch(/intact: \d+ entries/)
    const ok = await verifyAudit(db)
    expect(ok).toMatchObject({ ok: true, firstBadSeq: null, entries: await lastSeq() })

    if (DB_KIND === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(db)
      await sql`drop trigger audit_log_no_delete`.execute(db)
    } else {
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db)
    }
    const rows = await auditRows(h.services)
    const k = Math.floor(rows.length / 2)
    const target = rows[k - 1] as (typeof rows)[number]
    const next = rows[k] as (typeof rows)[number]
    const last = rows.at(-1) as (typeof rows)[number]
    const contents = ({ seq: _s, ...rest }: typeof target) => rest

    await db.updateTable('audit_log').set({ outcome: 'denied' }).where('seq', '=', k).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: k, reason: 'altered entry', entries: k - 1 })
    const broken = cli()
    expect(broken.status).toBe(1)
    expect(broken.stderr).toMatch(new RegExp(`BROKEN at entry ${k}\\b`))
    await db.updateTable('audit_log').set({ outcome: target.outcome }).where('seq', '=', k).execute()
    expect((await verifyAudit(db)).ok).toBe(true)

    await db.deleteFrom('audit_log').where('seq', '=', k).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: k })
    await db.insertInto('audit_log').values(target).execute()
    expect((await verifyAudit(db)).ok).toBe(true)

    await db.updateTable('audit_log').set(contents(next)).where('seq', '=', k).execute()
    await db
      .updateTable('audit_log')
      .set(contents(target))
      .where('seq', '=', k + 1)
      .execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: k })
    await db.updateTable('audit_log').set(contents(target)).where('seq', '=', k).execute()
    await db
      .updateTable('audit_log')
      .set(contents(next))
      .where('seq', '=', k + 1)
      .execute()
    expect((await verifyAudit(db)).ok).toBe(true)

    await db.deleteFrom('audit_log').where('seq', '=', last.seq).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: Number(last.seq), reason: 'missing entries at the end' })
    const truncated = cli()
    expect(truncated.status).toBe(1)
    expect(truncated.stderr).toContain(`entry ${Number(last.seq)}`)
  })
})
