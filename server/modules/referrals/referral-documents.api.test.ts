import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { consent, ifMatch, type Member, newCase, referralWorld } from './referral-world.fixture'

/**
 * What a referral shares beyond whole fields: documents of the case and the plan goals chosen,
 * copied into the sealed copy when sent, downloaded by the partner while the copy lasts.
 */
let t: TestApp
let w: Awaited<ReturnType<typeof referralWorld>>
let worker: Member

const PDF = Buffer.from('%PDF-1.4\nBilan psychologique partagé\n%%EOF\n')
const OTHER = Buffer.from('%PDF-1.4\nNotes internes du service\n%%EOF\n')

beforeAll(async () => {
  t = await startTestApp()
  w = await referralWorld(t)
  worker = w.worker
})
afterAll(() => t.close())

const upload = async (agent: Agent, caseId: string, bytes: Buffer, name: string) => {
  const res = await agent.post(`/api/accompaniments/${caseId}/documents`, bytes, {
    'content-type': 'application/pdf',
    'x-filename': encodeURIComponent(name),
  })
  expect(res.statusCode, res.body).toBe(201)
  return json(res).id as string
}

const PLAN = {
  goals: [
    { domain: 'health', title: 'Voir un psychologue chaque semaine', steps: [] },
    { domain: 'housing', title: 'Trouver un logement stable', steps: [] },
  ],
}

/** A case with two documents and a two-goal plan (version 2: newCase saved version 1). */
async function world() {
  const { caseId } = await newCase(worker, w.team)
  const plan = await worker.put(`/api/accompaniments/${caseId}/plan`, PLAN, ifMatch(1))
  expect(plan.statusCode, plan.body).toBe(200)
  const goals = json(plan).goals as { id: string; title: string }[]
  const shared = await upload(worker, caseId, PDF, 'bilan.pdf')
  const internal = await upload(worker, caseId, OTHER, 'notes.pdf')
  return { caseId, goals, shared, internal }
}

const body = (over: Record<string, unknown>) => ({
  organisationId: w.orgA.id,
  serviceId: w.orgA.serviceId,
  reason: 'Soutien psychologique',
  summary: 'Résumé pour le partenaire',
  ...over,
})

describe('documents and plan goals in a referral', () => {
  it('the copy holds the chosen goals and documents; the partner downloads only those, audited; later edits do not leak', async () => {
    const { caseId, goals, shared, internal } = await world()
    const c = await consent(worker, caseId, w.orgA.id, ['summary', 'plan_goals', 'documents'])
    const draft = await worker.post(
      `/api/accompaniments/${caseId}/referrals`,
      body({ shared: ['summary', 'plan_goals', 'documents'], documentIds: [shared], planGoalIds: [goals[1]!.id] }),
    )
    expect(draft.statusCode, draft.body).toBe(201)
    expect(json(draft)).toMatchObject({ documentIds: [shared], planGoalIds: [goals[1]!.id] })
    const sent = await worker.post(`/api/referrals/${json(draft).id}/send`, { consentId: c.id }, ifMatch(1))
    expect(sent.statusCode, sent.body).toBe(200)
    const id = json(sent).id as string

    // Later edits to the case: a goal renamed, a document added. The copy stays as it was sent.
    const renamed = { goals: PLAN.goals.map((g, i) => ({ ...g, id: goals[i]!.id, title: `${g.title} (revu)` })) }
    expect((await worker.put(`/api/accompaniments/${caseId}/plan`, renamed, ifMatch(2))).statusCode).toBe(200)
    await upload(worker, caseId, OTHER, 'ajout.pdf')

    const view = json(await w.partnerA.get(`/api/partner/referrals/${id}`))
    expect(view.copy.planGoals).toEqual(['Trouver un logement stable'])
    expect(view.copy.documents).toEqual([{ id: shared, filename: 'bilan.pdf', contentType: 'application/pdf', size: PDF.length }])
    expect(JSON.stringify(view)).not.toContain('contentKey')

    const down = await w.partnerA.get(`/api/partner/referrals/${id}/documents/${shared}`)
    expect(down.statusCode).toBe(200)
    expect(down.rawPayload.equals(PDF)).toBe(true)
    expect(down.headers['content-disposition']).toContain('bilan.pdf')
    const entry = (await auditRows(t.services, 'partner_referral.document_downloaded')).at(-1)
    expect(entry).toMatchObject({ actor_id: w.partnerA.userId, subject_type: 'referral', subject_id: id })

    // A document of the case that was not shared, and another organisation's partner: 404.
    expect((await w.partnerA.get(`/api/partner/referrals/${id}/documents/${internal}`)).statusCode).toBe(404)
    expect((await w.partnerB.get(`/api/partner/referrals/${id}/documents/${shared}`)).statusCode).toBe(404)
    // The case's own worker does not use the portal.
    expect((await worker.get(`/api/partner/referrals/${id}/documents/${shared}`)).statusCode).toBe(403)
  })

  it('a document outside the consent is refused by name, and nothing is sent', async () => {
    const { caseId, shared, internal } = await world()
    const c = await consent(worker, caseId, w.orgA.id, ['summary'])
    const draft = json(
      await worker.post(
        `/api/accompaniments/${caseId}/referrals`,
        body({ shared: ['summary', 'documents'], documentIds: [shared, internal] }),
      ),
    )
    const res = await worker.post(`/api/referrals/${draft.id}/send`, { consentId: c.id }, ifMatch(1))
    expect(res.statusCode, res.body).toBe(400)
    expect(json(res).errors.map((e: { field: string }) => e.field)).toEqual(['shared.documents', 'documentIds.0', 'documentIds.1'])
    const after = json(await worker.get(`/api/accompaniments/${caseId}/referrals`)).items[0]
    expect(after).toMatchObject({ status: 'draft', version: 1 })
  })

  it('refuses, naming the field, a document of another case, a consent’s signed form, an unknown goal, ticks without the field', async () => {
    const { caseId, shared } = await world()
    const elsewhere = await world()
    const form = await upload(worker, caseId, PDF, 'formulaire-signé.pdf')
    await consent(worker, caseId, w.orgA.id, ['summary'], { how: 'signed_form', documentId: form })
    const field = async (over: Record<string, unknown>) => {
      const res = await worker.post(`/api/accompaniments/${caseId}/referrals`, body(over))
      expect(res.statusCode, res.body).toBe(400)
      return json(res).errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)
    }
    expect(await field({ shared: ['documents'], documentIds: [shared, elsewhere.shared] })).toEqual(['documentIds.1:unknown_document'])
    expect(await field({ shared: ['documents'], documentIds: [form] })).toEqual(['documentIds.0:signed_consent_form'])
    expect(await field({ shared: ['plan_goals'], planGoalIds: [elsewhere.goals[0]!.id] })).toEqual(['planGoalIds.0:unknown_goal'])
    expect((await field({ shared: ['summary'], documentIds: [shared] }))[0]).toMatch(/^documentIds:/)
    expect((await field({ shared: ['documents'] }))[0]).toMatch(/^documentIds:/)
    expect(json(await worker.get(`/api/accompaniments/${caseId}/referrals`)).items).toEqual([])
  })

  it('after withdrawal of the consent, the shared document is gone for the partner (404) and its key with the copy', async () => {
    const { caseId, shared } = await world()
    const c = await consent(worker, caseId, w.orgA.id, ['summary', 'documents'])
    const draft = json(
      await worker.post(`/api/accompaniments/${caseId}/referrals`, body({ shared: ['summary', 'documents'], documentIds: [shared] })),
    )
    expect((await worker.post(`/api/referrals/${draft.id}/send`, { consentId: c.id }, ifMatch(1))).statusCode).toBe(200)
    expect((await w.partnerA.get(`/api/partner/referrals/${draft.id}/documents/${shared}`)).statusCode).toBe(200)
    expect((await worker.post(`/api/consents/${c.id}/withdraw`, {}, ifMatch(1))).statusCode).toBe(200)
    expect((await w.partnerA.get(`/api/partner/referrals/${draft.id}/documents/${shared}`)).statusCode).toBe(404)
    const row = await t.services.db.selectFrom('referrals').select(['copy_sealed']).where('id', '=', draft.id).executeTakeFirstOrThrow()
    expect(row.copy_sealed).toBeNull()
    const key = await t.services.db.selectFrom('person_keys').select('person_id').where('person_id', '=', draft.id).executeTakeFirst()
    expect(key).toBeUndefined()
    // The case keeps its document.
    expect((await worker.get(`/api/accompaniments/${caseId}/documents/${shared}`)).rawPayload.equals(PDF)).toBe(true)
  })
})
