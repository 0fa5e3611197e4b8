import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The breach register (art. 33/34): a breach's discovery starts the 72-hour clock to notify the
 * authority; the register is the DPO's alone, versioned, audited, its free text sealed.
 */
let t: TestApp
let dpo: Agent
beforeAll(async () => {
  t = await startTestApp()
  dpo = await t.as(['dpo'])
})
afterAll(() => t.close())

const HOUR = 3_600_000
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString()
const breach = (over: Record<string, unknown> = {}) => ({
  discoveredAt: ago(2),
  nature: ['confidentiality'],
  description: 'Laptop of Jeanne Dubreuil-Vandamme stolen',
  subjectCategories: ['clients'],
  dataCategories: ['identity', 'judicial'],
  personsAffected: 12,
  recordsAffected: 40,
  ...over,
})

describe('breach register', () => {
  it('starts a 72-hour clock at discovery that stops when the authority is notified', async () => {
    const created = await dpo.post('/api/breaches', breach({ discoveredAt: '2026-11-30T09:15:00+01:00' }))
    expect(created.statusCode, created.body).toBe(201)
    const b = json(created)
    expect(created.headers.etag).toBe('"1"')
    expect(b.discoveredAt).toBe('2026-11-30T08:15:00.000Z')
    expect(b.clock.dueAt).toBe('2026-12-03T08:15:00.000Z')
    expect(b.clock.running).toBe(true)
    expect(b.clock.overdue).toBe(new Date(b.clock.dueAt).getTime() < Date.now())
    expect(b).toMatchObject({ status: 'open', version: 1, authority: { decision: 'pending' }, personsAffected: 12 })

    const fresh = json(await dpo.post('/api/breaches', breach({ discoveredAt: ago(2) })))
    expect(fresh.clock.overdue).toBe(false)
    expect(fresh.clock.secondsLeft).toBeGreaterThan(69 * 3600)
    expect(fresh.clock.secondsLeft).toBeLessThanOrEqual(70 * 3600)

    const late = json(await dpo.post('/api/breaches', breach({ discoveredAt: ago(73) })))
    expect(late.clock).toMatchObject({ running: true, overdue: true })
    expect(late.clock.secondsLeft).toBeLessThan(0)

    const notified = await dpo.put(
      `/api/breaches/${late.id}`,
      breach({ discoveredAt: late.discoveredAt, authority: { decision: 'notified', notifiedAt: ago(1), reference: 'APD-2026-123' } }),
      { 'if-match': '"1"' },
    )
    expect(notified.statusCode, notified.body).toBe(200)
    expect(json(notified)).toMatchObject({ version: 2, authority: { decision: 'notified', reference: 'APD-2026-123' } })
    expect(json(notified).clock).toMatchObject({ running: false, overdue: false })

    const open = json(await dpo.get('/api/breaches?state=open&limit=100')).items.map((x: { id: string }) => x.id)
    expect(open).toEqual(expect.arrayContaining([b.id, fresh.id, late.id]))
  })

  it('refuses a stale or missing If-Match, and closes with a date that reopening clears', async () => {
    const b = json(await dpo.post('/api/breaches', breach()))
    const url = `/api/breaches/${b.id}`
    expect((await dpo.put(url, breach({ discoveredAt: b.discoveredAt }))).statusCode).toBe(428)
    const closed = await dpo.put(url, breach({ discoveredAt: b.discoveredAt, status: 'closed' }), { 'if-match': '"1"' })
    expect(closed.statusCode, closed.body).toBe(200)
    expect(json(closed).closedAt).not.toBeNull()
    const stale = await dpo.put(url, breach({ discoveredAt: b.discoveredAt, status: 'open' }), { 'if-match': '"1"' })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers['content-type']).toMatch(/problem\+json/)
    expect(json(await dpo.get(url)).status).toBe('closed')
    expect(json(await dpo.get('/api/breaches?state=closed&limit=100')).items.map((x: { id: string }) => x.id)).toContain(b.id)
    expect(json(await dpo.get('/api/breaches?state=open&limit=100')).items.map((x: { id: string }) => x.id)).not.toContain(b.id)
    const reopened = json(await dpo.put(url, breach({ discoveredAt: b.discoveredAt }), { 'if-match': '"2"' }))
    expect(reopened).toMatchObject({ status: 'open', closedAt: null, version: 3 })
  })

  it('answers bad input with problem+json naming the field, and writes nothing', async () => {
    const before = json(await dpo.get('/api/breaches?state=all&limit=100')).total
    const cases: [Record<string, unknown>, string][] = [
      [breach({ nature: [] }), 'nature'],
      [breach({ nature: ['leak'] }), 'nature'],
      [breach({ description: '' }), 'description'],
      [breach({ discoveredAt: '30/11/2026' }), 'discoveredAt'],
      [breach({ discoveredAt: new Date(Date.now() + 48 * HOUR).toISOString() }), 'discoveredAt'],
      [breach({ personsAffected: -1 }), 'personsAffected'],
      [breach({ dataCategories: ['shoe_size'] }), 'dataCategories'],
      [breach({ authority: { decision: 'notified' } }), 'authority.notifiedAt'],
      [breach({ persons: { decision: 'not_required' } }), 'persons.reason'],
    ]
    for (const [body, field] of cases) {
      const res = await dpo.post('/api/breaches', body)
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      const errors: { field: string }[] = json(res).errors
      expect(
        errors.some((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field === `body.${field}`),
        res.body,
      ).toBe(true)
      expect(res.body).not.toContain('Dubreuil')
    }
    expect(json(await dpo.get('/api/breaches?state=all&limit=100')).total).toBe(before)
    expect((await dpo.get('/api/breaches/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })

  it('is the DPO’s alone', async () => {
    const b = json(await dpo.post('/api/breaches', breach()))
    for (const role of ['admin', 'lead', 'worker', 'intake', 'researcher', 'partner'] as const) {
      const other = await t.as([role])
      expect((await other.get('/api/breaches')).statusCode, role).toBe(403)
      expect((await other.get(`/api/breaches/${b.id}`)).statusCode, role).toBe(403)
      expect((await other.post('/api/breaches', breach())).statusCode, role).toBe(403)
      expect((await other.put(`/api/breaches/${b.id}`, breach(), { 'if-match': '"1"' })).statusCode, role).toBe(403)
    }
  })

  it('seals the free text and audits each read and write without it', async () => {
    const b = json(await dpo.post('/api/breaches', breach({ consequences: 'Rue des Tanneurs 14 exposed', measures: 'Remote wipe' })))
    const row = await t.services.db.selectFrom('breaches').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toMatch(/Dubreuil|Tanneurs|wipe/)
    await dpo.get(`/api/breaches/${b.id}`)
    const recorded = (await auditRows(t.services, 'breach.recorded')).find((r) => r.subject_id === b.id)
    const viewed = (await auditRows(t.services, 'breach.viewed')).find((r) => r.subject_id === b.id)
    expect(recorded).toMatchObject({ subject_type: 'breach' })
    expect(viewed).toMatchObject({ subject_type: 'breach' })
    expect(JSON.stringify([recorded, viewed])).not.toMatch(/Dubreuil|Tanneurs/)
  })
})
