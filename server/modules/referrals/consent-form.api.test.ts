import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { consent, consentBody, ifMatch, newCase, organisation, partnerOf } from './referral-world.fixture'

let t: TestApp
let worker: Agent & { userId: string }
let lead: Agent
let otherWorker: Agent
let dpo: Agent
let team: string
let orgId: string

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Accord signé par la mère\n%%EOF\n')
// txt is allowed as a case document here, so that refusing it below is the consent form's own rule.
beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_DOCUMENT_MAX_MB: '0.01', PARCOURS_DOCUMENT_TYPES: 'pdf,png,jpeg,txt' } })
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  otherWorker = await t.as(['worker'], { teamIds: [await t.team()] })
  dpo = await t.as(['dpo'])
  orgId = (await organisation(lead)).id
})
afterAll(() => t.close())

const attach = (agent: Agent, caseId: string, consentId: string, bytes: Buffer, type: string, headers: Record<string, string> = {}) =>
  agent.post(`/api/accompaniments/${caseId}/consents/${consentId}/form`, bytes, {
    'content-type': type,
    'x-filename': encodeURIComponent('Accord signé.pdf'),
    ...headers,
  })

describe('a consent resting on a legal basis from the DPO’s list', () => {
  it('names the basis; an unknown or inactive one is refused naming legalBasisId, and nothing is recorded', async () => {
    const { caseId } = await newCase(worker, team)
    const bases = json(await worker.get('/api/legal-bases')).items as { id: string; code: string; label: unknown; active: boolean }[]
    const active = bases.find((b) => b.active)!
    const inactive = json(
      await dpo.post('/api/legal-bases', {
        code: `retired-${caseId.slice(0, 6)}`,
        label: active.label,
        reference: 'Ancienne loi',
        active: false,
      }),
    )
    const refused = async (legalBasisId: string) => {
      const res = await worker.post(
        `/api/accompaniments/${caseId}/consents`,
        consentBody(orgId, ['summary'], { basis: 'legal_basis', legalBasisId }),
      )
      expect(res.statusCode, res.body).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      return json(res).errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)
    }
    expect(await refused('00000000-0000-4000-8000-000000000000')).toEqual(['legalBasisId:unknown_legal_basis'])
    expect(await refused(inactive.id)).toEqual(['legalBasisId:unknown_legal_basis'])
    // Missing, or given for a plain consent: the rule's code travels as the message, for the form to translate.
    const missing = await worker.post(`/api/accompaniments/${caseId}/consents`, consentBody(orgId, [], { basis: 'legal_basis' }))
    expect(json(missing).errors[0]).toMatchObject({ field: 'legalBasisId', message: 'legal_basis_required' })
    const extra = await worker.post(`/api/accompaniments/${caseId}/consents`, consentBody(orgId, [], { legalBasisId: active.id }))
    expect(json(extra).errors[0]).toMatchObject({ field: 'legalBasisId', message: 'legal_basis_only' })
    expect(json(await worker.get(`/api/accompaniments/${caseId}/consents`)).items).toEqual([])
    const ok = await worker.post(
      `/api/accompaniments/${caseId}/consents`,
      consentBody(orgId, ['summary'], { basis: 'legal_basis', legalBasisId: active.id }),
    )
    expect(ok.statusCode, ok.body).toBe(201)
    expect(json(ok)).toMatchObject({ basis: 'legal_basis', legalBasisId: active.id })
  })
})

describe('the signed consent form', () => {
  it('is attached with If-Match, stored sealed as a case document, downloaded by the case’s workers, each step audited', async () => {
    const { caseId } = await newCase(worker, team)
    const c = await consent(worker, caseId, orgId, ['summary'], { how: 'signed_form' })
    expect((await attach(worker, caseId, c.id, PDF, 'application/pdf')).statusCode).toBe(428)
    expect((await attach(otherWorker, caseId, c.id, PDF, 'application/pdf', ifMatch(1))).statusCode).toBe(404)
    expect((await attach(worker, caseId, c.id, PDF, 'application/pdf', ifMatch(2))).statusCode).toBe(412)
    const res = await attach(worker, caseId, c.id, PDF, 'application/pdf', ifMatch(1))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers.etag).toBe('"2"')
    const view = json(res)
    expect(view).toMatchObject({ id: c.id, how: 'signed_form', version: 2 })
    expect(view.documentId).toBeTruthy()

    // The name is sealed at rest, and the content is not stored in the clear.
    const row = await t.services.db.selectFrom('documents').selectAll().where('id', '=', view.documentId).executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain('Accord sign')
    const attached = await t.services.db
      .selectFrom('audit_log')
      .select(['subject_type', 'subject_id', 'details', 'outcome'])
      .where('action', '=', 'consent.form_attached')
      .where('actor_id', '=', worker.userId)
      .where('outcome', '=', 'success')
      .execute()
    expect(attached).toHaveLength(1)
    expect(attached[0]).toMatchObject({ subject_type: 'consent', subject_id: c.id })
    expect(attached[0]!.details).toContain(view.documentId)

    // Downloaded by the case's lead through the documents route (audited), not by another team.
    const path = `/api/accompaniments/${caseId}/documents/${view.documentId}`
    const down = await lead.get(path)
    expect(down.statusCode).toBe(200)
    expect(down.headers['content-type']).toBe('application/pdf')
    expect(down.rawPayload.equals(PDF)).toBe(true)
    const downloads = await t.services.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'document.downloaded')
      .where('subject_id', '=', view.documentId)
      .execute()
    expect(downloads).toHaveLength(1)
    expect((await otherWorker.get(path)).statusCode).toBe(404)

    // One form per consent: a second is refused naming the file, and leaves no document behind.
    const before = json(await worker.get(`/api/accompaniments/${caseId}/documents`)).items.length
    const again = await attach(worker, caseId, c.id, PDF, 'application/pdf', ifMatch(2))
    expect(again.statusCode, again.body).toBe(400)
    expect(json(again).errors[0]).toMatchObject({ field: 'file', code: 'form_already_attached' })
    expect(json(await worker.get(`/api/accompaniments/${caseId}/documents`)).items).toHaveLength(before)

    // The signed form is never shared with a partner.
    const draft = await worker.post(`/api/accompaniments/${caseId}/referrals`, {
      organisationId: orgId,
      reason: 'Soutien',
      summary: 'Résumé',
      shared: ['summary', 'documents'],
      documentIds: [view.documentId],
    })
    expect(json(draft).errors[0]).toMatchObject({ field: 'documentIds.0', code: 'signed_consent_form' })
  })

  it('refuses another type, a false PDF, an empty or oversized file, naming the field, and keeps nothing', async () => {
    const { caseId } = await newCase(worker, team)
    const c = await consent(worker, caseId, orgId, ['summary'], { how: 'signed_form' })
    const refused = async (bytes: Buffer, type: string) => {
      const res = await attach(worker, caseId, c.id, bytes, type, ifMatch(1))
      return `${res.statusCode} ${res.statusCode === 400 ? json(res).errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`) : json(res).code}`
    }
    expect(await refused(Buffer.from('Accord de la mère'), 'text/plain')).toBe('400 file:type_not_allowed')
    expect(await refused(Buffer.from('not a pdf at all'), 'application/pdf')).toBe('400 file:content_mismatch')
    expect(await refused(Buffer.alloc(0), 'application/pdf')).toBe('400 file:empty')
    expect(await refused(Buffer.concat([PDF, Buffer.alloc(20_000, 32)]), 'application/pdf')).toBe('413 payload.too_large')
    expect(json(await worker.get(`/api/accompaniments/${caseId}/documents`)).items).toEqual([])
    const [still] = json(await worker.get(`/api/accompaniments/${caseId}/consents`)).items
    expect(still).toMatchObject({ documentId: null, version: 1 })
    // A partner never reaches the route.
    const partner = await partnerOf(t, orgId)
    expect((await attach(partner, caseId, c.id, PDF, 'application/pdf', ifMatch(1))).statusCode).toBe(403)
  })
})
