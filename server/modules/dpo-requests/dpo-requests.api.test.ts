import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { serviceToday } from '../../time/service-day'

/**
 * The register of data-subject requests: only the DPO records and reads it, each request gets
 * its legal deadline, its words are sealed (never in clear in the database nor in the audit log),
 * and bad input is refused field by field.
 */
let t: TestApp
let dpo: Agent & { userId: string }
let worker: Agent & { userId: string }
let personId: string
beforeAll(async () => {
  t = await startTestApp()
  dpo = await t.as(['dpo'])
  worker = await t.as(['worker'])
  personId = json(await worker.post('/api/persons', { firstName: 'Soraya', lastName: 'Demandeuse' })).id
})
afterAll(() => t.close())

const base = { kind: 'access', requester: 'subject', channel: 'letter', identityCheck: 'id_document_seen' } as const

describe('data-subject requests', () => {
  it('are recorded by the DPO with a deadline one month after receipt, the words sealed', async () => {
    const res = await dpo.post('/api/dpo/requests', { ...base, personId, receivedOn: '2026-01-31', details: 'Copie de tout mon dossier' })
    expect(res.statusCode, res.body).toBe(201)
    const view = json(res)
    expect(view).toMatchObject({
      kind: 'access',
      status: 'received',
      receivedOn: '2026-01-31',
      dueOn: '2026-02-28',
      person: { id: personId },
    })
    expect(view.code).toMatch(/^D-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(res.headers.etag).toBe('"1"')
    expect(json(await dpo.get(`/api/dpo/requests/${view.id}`))).toMatchObject({ details: 'Copie de tout mon dossier' })

    const row = await t.services.db.selectFrom('dpo_requests').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain('Copie de tout')
    expect(row.key_id).toBe(personId)
    const entries = await auditRows(t.services, 'dpo_request.recorded')
    expect(entries.find((e) => e.subject_id === view.id)?.details ?? '').not.toContain('Copie')
  })

  it('about nobody Parcours holds yet, seals the words with a key of their own', async () => {
    const res = await dpo.post('/api/dpo/requests', { ...base, kind: 'erasure', receivedOn: serviceToday(), details: 'Effacez-moi' })
    expect(res.statusCode, res.body).toBe(201)
    const view = json(res)
    expect(view.person).toBeNull()
    const row = await t.services.db.selectFrom('dpo_requests').select('key_id').where('id', '=', view.id).executeTakeFirstOrThrow()
    expect(row.key_id).toBe(view.id)
    expect(json(await dpo.get(`/api/dpo/requests/${view.id}`)).details).toBe('Effacez-moi')
  })

  it('refuses bad input field by field and nobody but the DPO', async () => {
    const future = await dpo.post('/api/dpo/requests', { ...base, receivedOn: '2999-01-01' })
    expect(future.statusCode).toBe(400)
    expect(json(future).errors).toEqual([expect.objectContaining({ field: 'receivedOn', code: 'in_future' })])
    const unknown = await dpo.post('/api/dpo/requests', { ...base, receivedOn: '2026-01-02', personId: crypto.randomUUID() })
    expect(json(unknown).errors).toEqual([expect.objectContaining({ field: 'personId', code: 'unknown_person' })])
    const badKind = await dpo.post('/api/dpo/requests', { ...base, kind: 'forget-me', receivedOn: '2026-01-02' })
    expect(badKind.statusCode).toBe(400)
    expect(JSON.stringify(json(badKind).errors)).toContain('kind')
    expect((await worker.post('/api/dpo/requests', { ...base, receivedOn: '2026-01-02' })).statusCode).toBe(403)
    expect((await dpo.get(`/api/dpo/requests/${crypto.randomUUID()}`)).statusCode).toBe(404)
  })
})
