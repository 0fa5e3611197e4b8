import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PURPOSES, SUBJECT_CATEGORIES } from '../../../common/contracts/registers.contracts'
import { SENSITIVE } from '../../security/codec'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/** The records of processing (art. 30): generated from what Parcours holds, completed by the DPO. */
let t: TestApp
let dpo: Agent
beforeAll(async () => {
  t = await startTestApp()
  dpo = await t.as(['dpo'])
})
afterAll(() => t.close())

const SETTINGS = {
  controller: { name: 'Service d’aide', address: 'Boulevard 1, 1000 Bruxelles', enterpriseNumber: '0123.456.789' },
  dpo: { name: 'Délégué', email: 'dpo@service.example' },
  purposes: { accompaniment: { description: 'Suivi des personnes', legalBasis: 'Art. 6.1.e RGPD' } },
  transfers: 'Aucun transfert hors EEE',
  retention: 'Dix ans après la clôture',
}

describe('records of processing', () => {
  it('list every sealed field under a category, the partners of the directory and the legal bases', async () => {
    const now = new Date().toISOString()
    const partner = { id: crypto.randomUUID(), name: `Partenaire ${crypto.randomBytes(3).toString('hex')}` }
    await t.services.db
      .insertInto('partner_organisations')
      .values({
        ...partner,
        alternate_name: null,
        description: 'Aide',
        missions: null,
        goals: null,
        ethics: null,
        charter_signed_on: '2026-01-15',
        charter_renew_on: null,
        audiences: '[]' as never,
        languages: '[]' as never,
        accessibility: null,
        email: null,
        website: null,
        referral_email: null,
        active: 1,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute()
    const res = await dpo.get('/api/processing-register')
    expect(res.statusCode, res.body).toBe(200)
    const register = json(res)
    expect(register.recipients.partners).toContainEqual({ ...partner, active: true, charterSignedOn: '2026-01-15' })
    const sources: string[] = register.dataCategories.flatMap((c: { sources: string[] }) => c.sources)
    for (const [table, fields] of Object.entries(SENSITIVE))
      for (const field of Object.keys(fields)) expect(sources, `${table}.${field}`).toContain(`${table}.${field}`)
    expect(register.dataCategories.find((c: { code: string }) => c.code === 'judicial').special).toBe('art10')
    // The request register is the DPO's answer to data subjects, not a confidentiality exception.
    const requests = register.dataCategories.find((c: { code: string }) => c.code === 'data_subject_requests')
    expect(requests.sources).toEqual(
      expect.arrayContaining(['dpo_requests.details', 'dpo_requests.decision_reason', 'restrictions.reason']),
    )
    const disclosures = register.dataCategories.find((c: { code: string }) => c.code === 'disclosures')
    expect(disclosures.sources.filter((s: string) => s.startsWith('dpo_requests.'))).toEqual([])
    expect(register.purposes.find((p: { code: string }) => p.code === 'data_subject_rights').dataCategories).toContain(
      'data_subject_requests',
    )
    expect(register.purposes.map((p: { code: string }) => p.code)).toEqual([...PURPOSES])
    expect(register.subjectCategories.map((s: { code: string }) => s.code)).toEqual([...SUBJECT_CATEGORIES])
    const staff = register.subjectCategories.find((s: { code: string }) => s.code === 'staff')
    expect(staff.roles.find((r: { role: string }) => r.role === 'dpo').accounts).toBeGreaterThanOrEqual(1)
    expect(register.legalBases.length).toBeGreaterThan(0)
    expect(register.retention).toEqual({ schedules: [], toBeSet: true })
    expect(register.securityMeasures).toEqual(expect.arrayContaining(['envelope_encryption', 'audit_chain', 'mfa']))
    expect((await auditRows(t.services, 'processing_register.viewed')).length).toBeGreaterThan(0)
  })

  it('keeps what the DPO writes, versioned with If-Match', async () => {
    const current = await dpo.get('/api/processing-register')
    const version = json(current).version
    expect(current.headers.etag).toBe(`"${version}"`)
    expect((await dpo.put('/api/processing-register', SETTINGS)).statusCode).toBe(428)
    const saved = await dpo.put('/api/processing-register', SETTINGS, { 'if-match': `"${version}"` })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(json(saved)).toMatchObject({
      version: version + 1,
      settings: { controller: { name: 'Service d’aide', representative: '' }, transfers: 'Aucun transfert hors EEE' },
    })
    expect(json(saved).settings.purposes.accompaniment).toEqual({ description: 'Suivi des personnes', legalBasis: 'Art. 6.1.e RGPD' })
    const stale = await dpo.put('/api/processing-register', { ...SETTINGS, transfers: 'x' }, { 'if-match': `"${version}"` })
    expect(stale.statusCode).toBe(412)
    expect(json(await dpo.get('/api/processing-register')).settings.transfers).toBe('Aucun transfert hors EEE')
    const entry = (await auditRows(t.services, 'processing_register.updated')).at(-1)
    expect(entry?.subject_type).toBe('processing_register')
  })

  it('answers bad input with problem+json naming the field', async () => {
    const res = await dpo.put('/api/processing-register', { ...SETTINGS, dpo: { email: 'x'.repeat(301) } }, { 'if-match': '"1"' })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(JSON.stringify(json(res).errors)).toContain('dpo.email')
    const purpose = await dpo.put('/api/processing-register', { ...SETTINGS, purposes: { golf: {} } }, { 'if-match': '"1"' })
    expect(purpose.statusCode).toBe(400)
    expect(JSON.stringify(json(purpose).errors)).toContain('purposes')
  })

  it('is the DPO’s alone', async () => {
    for (const role of ['admin', 'lead', 'worker', 'intake', 'researcher', 'partner'] as const) {
      const other = await t.as([role])
      expect((await other.get('/api/processing-register')).statusCode, role).toBe(403)
      expect((await other.put('/api/processing-register', SETTINGS, { 'if-match': '"1"' })).statusCode, role).toBe(403)
    }
  })
})
