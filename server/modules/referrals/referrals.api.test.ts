import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startTestApp, type TestApp } from '../../test/harness'
import { consent, consentBody, draft, ifMatch, type Member, newCase, PERSON, referralWorld, sent } from './referral-world.fixture'

let t: TestApp
let w: Awaited<ReturnType<typeof referralWorld>>
let worker: Member
let lead: Member

beforeAll(async () => {
  t = await startTestApp()
  w = await referralWorld(t)
  worker = w.worker
  lead = w.lead
})
afterAll(() => t.close())

describe('the consent registry', () => {
  it('records a consent on a case, sealed note, for its workers and lead; others get 404', async () => {
    const { caseId } = await newCase(worker, w.team)
    const res = await worker.post(`/api/accompaniments/${caseId}/consents`, consentBody(w.orgA.id, ['summary', 'contact_details']))
    expect(res.statusCode, res.body).toBe(201)
    expect(res.headers.etag).toBe('"1"')
    expect(json(res)).toMatchObject({ organisationId: w.orgA.id, scope: ['summary', 'contact_details'], active: true, withdrawnAt: null })
    const list = json(await lead.get(`/api/accompaniments/${caseId}/consents`)).items
    expect(list.map((c: { id: string }) => c.id)).toEqual([json(res).id])
    expect(list[0].note).toBe('La mère a donné son accord au téléphone')
    expect((await w.otherWorker.get(`/api/accompaniments/${caseId}/consents`)).statusCode).toBe(404)
    expect((await w.otherWorker.post(`/api/accompaniments/${caseId}/consents`, consentBody(w.orgA.id, []))).statusCode).toBe(404)
    expect((await w.partnerA.get(`/api/accompaniments/${caseId}/consents`)).statusCode).toBe(403)
  })

  it('refuses bad input naming the field: unknown organisation, legal basis missing, a document of another case, expiry before the gift', async () => {
    const { caseId } = await newCase(worker, w.team)
    const field = async (body: Record<string, unknown>) => {
      const res = await worker.post(`/api/accompaniments/${caseId}/consents`, body)
      expect(res.statusCode, res.body).toBe(400)
      return json(res).errors[0].field
    }
    expect(await field(consentBody('00000000-0000-4000-8000-000000000000', []))).toBe('organisationId')
    expect(await field(consentBody(w.orgA.id, [], { basis: 'legal_basis' }))).toBe('legalBasisId')
    expect(await field(consentBody(w.orgA.id, [], { documentId: '00000000-0000-4000-8000-000000000000' }))).toBe('documentId')
    expect(await field(consentBody(w.orgA.id, [], { expiresOn: '2020-01-01' }))).toBe('expiresOn')
    expect(await field(consentBody(w.orgA.id, ['identity', 'address']))).toMatch(/^scope/)
    expect(json(await worker.get(`/api/accompaniments/${caseId}/consents`)).items).toEqual([])
  })

  it('a withdrawal needs If-Match, is final, and is refused to a worker not on the case (404)', async () => {
    const { caseId } = await newCase(worker, w.team)
    const c = await consent(worker, caseId, w.orgA.id, ['summary'])
    expect((await worker.post(`/api/consents/${c.id}/withdraw`, {})).statusCode).toBe(428)
    expect((await w.otherWorker.post(`/api/consents/${c.id}/withdraw`, {}, ifMatch(1))).statusCode).toBe(404)
    expect((await worker.post(`/api/consents/${c.id}/withdraw`, {}, ifMatch(2))).statusCode).toBe(412)
    const done = await worker.post(`/api/consents/${c.id}/withdraw`, {}, ifMatch(1))
    expect(done.statusCode, done.body).toBe(200)
    expect(json(done)).toMatchObject({ active: false, version: 2 })
    expect(json(done).withdrawnAt).toBeTruthy()
    expect((await worker.post(`/api/consents/${c.id}/withdraw`, {}, ifMatch(2))).statusCode).toBe(409)
  })
})

describe('sending a referral', () => {
  it('needs a consent for that organisation, live, whose scope holds every shared field, named one by one', async () => {
    const { caseId } = await newCase(worker, w.team)
    const d = await draft(worker, caseId, w.orgA, ['summary', 'identity', 'plan_goals'])
    const send = (consentId: string) => worker.post(`/api/referrals/${d.id}/send`, { consentId }, ifMatch(d.version))
    const errors = async (consentId: string) => {
      const res = await send(consentId)
      expect(res.statusCode, res.body).toBe(400)
      return json(res).errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)
    }
    // No consent at all.
    expect(await errors('00000000-0000-4000-8000-000000000000')).toEqual(['consentId:unknown_consent'])
    // A consent for another organisation.
    expect(await errors((await consent(worker, caseId, w.orgB.id, ['summary', 'identity', 'plan_goals'])).id)).toEqual([
      'consentId:other_recipient',
    ])
    // A scope that leaves out two of the shared fields: both named.
    expect(await errors((await consent(worker, caseId, w.orgA.id, ['summary'])).id)).toEqual([
      'shared.identity:not_in_consent_scope',
      'shared.plan_goals:not_in_consent_scope',
    ])
    // Withdrawn, then expired.
    const withdrawn = await consent(worker, caseId, w.orgA.id, ['summary', 'identity', 'plan_goals'])
    expect((await worker.post(`/api/consents/${withdrawn.id}/withdraw`, {}, ifMatch(1))).statusCode).toBe(200)
    expect(await errors(withdrawn.id)).toEqual(['consentId:withdrawn'])
    const expired = await consent(worker, caseId, w.orgA.id, ['summary', 'identity', 'plan_goals'], {
      givenOn: '2025-01-01',
      expiresOn: '2025-06-30',
    })
    expect(await errors(expired.id)).toEqual(['consentId:expired'])
    // Nothing was sent: still a draft, no copy, no key.
    const still = json(await worker.get(`/api/accompaniments/${caseId}/referrals`)).items[0]
    expect(still).toMatchObject({ status: 'draft', sentAt: null, version: 1 })
    expect(
      await t.services.db.selectFrom('person_keys').select('person_id').where('person_id', '=', d.id).executeTakeFirst(),
    ).toBeUndefined()
    // A legal basis from the DPO's list, with the right scope, does.
    const basis = await consent(worker, caseId, w.orgA.id, ['summary', 'identity', 'plan_goals'], {
      basis: 'legal_basis',
      legalBasisId: '7f0c1a52-0001-4d2e-9a00-000000000001',
    })
    const ok = await send(basis.id)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(json(ok)).toMatchObject({ status: 'sent', consentId: basis.id, version: 2 })
    expect((await send(basis.id)).statusCode).toBe(412)
  })

  it('a draft is edited with If-Match; a sent referral is not (409); workers not on the case get 404', async () => {
    const { caseId } = await newCase(worker, w.team)
    const d = await draft(worker, caseId, w.orgA, ['summary'])
    const body = { organisationId: w.orgA.id, reason: 'Autre motif', summary: 'Résumé revu', shared: ['summary', 'contact_details'] }
    expect((await w.otherWorker.put(`/api/referrals/${d.id}`, body, ifMatch(1))).statusCode).toBe(404)
    expect((await worker.put(`/api/referrals/${d.id}`, body)).statusCode).toBe(428)
    const edited = await worker.put(`/api/referrals/${d.id}`, body, ifMatch(1))
    expect(edited.statusCode, edited.body).toBe(200)
    expect(json(edited)).toMatchObject({
      reason: 'Autre motif',
      summary: 'Résumé revu',
      shared: ['summary', 'contact_details'],
      version: 2,
    })
    const c = await consent(worker, caseId, w.orgA.id, ['summary', 'contact_details'])
    expect((await w.otherWorker.post(`/api/referrals/${d.id}/send`, { consentId: c.id }, ifMatch(2))).statusCode).toBe(404)
    expect((await worker.post(`/api/referrals/${d.id}/send`, { consentId: c.id }, ifMatch(2))).statusCode).toBe(200)
    expect((await worker.put(`/api/referrals/${d.id}`, body, ifMatch(3))).statusCode).toBe(409)
    // A service of another organisation is refused, naming the field.
    const wrong = await worker.post(`/api/accompaniments/${caseId}/referrals`, { ...body, serviceId: w.orgB.serviceId })
    expect(json(wrong).errors[0]).toMatchObject({ field: 'serviceId', code: 'unknown_service' })
  })

  it('the case shows what was shared, with whom and until when, on its timeline too', async () => {
    const { caseId } = await newCase(worker, w.team)
    const { consent: c, referral } = await sent(worker, caseId, w.orgA, ['summary', 'contact_details'])
    const [view] = json(await lead.get(`/api/accompaniments/${caseId}/referrals`)).items
    const consents = json(await lead.get(`/api/accompaniments/${caseId}/consents`)).items
    expect(view).toMatchObject({
      id: referral.id,
      organisationId: w.orgA.id,
      serviceId: w.orgA.serviceId,
      shared: ['summary', 'contact_details'],
      consentId: c.id,
      sharedUntil: consents[0].expiresOn,
      shreddedAt: null,
      status: 'sent',
    })
    expect(view.code).toMatch(/^R-[2-9A-Z]{4}-[2-9A-Z]{4}$/)
    expect(view.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'sent'])
    const timeline = json(await worker.get(`/api/accompaniments/${caseId}/timeline`))
    const types = (timeline.items ?? timeline).map((e: { type: string }) => e.type)
    expect(types).toEqual(expect.arrayContaining(['consent_recorded', 'referral']))
  })
})

describe('the partner’s copy', () => {
  it('holds only the shared fields, field by field', async () => {
    const { caseId, lastName } = await newCase(worker, w.team)
    const cases: [string[], Record<string, unknown>][] = [
      [[], {}],
      [['summary'], { summary: expect.any(String) }],
      [['identity'], { identity: { firstName: PERSON.firstName, lastName, birthYear: 2008 } }],
      [['contact_details'], { contactDetails: { phone: PERSON.phone, email: PERSON.email } }],
      [['plan_goals'], { planGoals: ['Voir un psychologue chaque semaine'] }],
    ]
    for (const [shared, expected] of cases) {
      const { referral } = await sent(worker, caseId, w.orgA, shared)
      const res = await w.partnerA.get(`/api/partner/referrals/${referral.id}`)
      expect(res.statusCode, res.body).toBe(200)
      const body = json(res)
      expect(body.copy).toEqual({ reference: referral.code, ...expected })
      // Nothing else of the case anywhere in what the partner downloads.
      const text = res.body
      const leaks: [string, string][] = [
        ['identity', lastName],
        ['identity', PERSON.firstName],
        ['contact_details', PERSON.phone],
        ['contact_details', PERSON.email],
        ['plan_goals', 'psychologue'],
        ['summary', 'rupture avec un groupe'],
      ]
      for (const [field, value] of leaks) if (!shared.includes(field)) expect(text).not.toContain(value)
      expect(text).not.toContain('Angoisses') // the worker's reason is never shared
      expect(text).not.toContain(caseId)
    }
  })

  it('is a copy: later edits to the case do not reach it', async () => {
    const { caseId, personId } = await newCase(worker, w.team)
    const { referral } = await sent(worker, caseId, w.orgA, ['identity', 'contact_details', 'plan_goals'])
    const person = json(await worker.get(`/api/persons/${personId}`))
    const changed = await worker.put(
      `/api/persons/${personId}`,
      { ...PERSON, lastName: 'Changé', phone: '+32 470 99 99 99' },
      ifMatch(person.version),
    )
    expect(changed.statusCode, changed.body).toBe(200)
    const plan = await worker.put(
      `/api/accompaniments/${caseId}/plan`,
      { goals: [{ domain: 'housing', title: 'Nouveau logement', steps: [] }] },
      ifMatch(1),
    )
    expect(plan.statusCode, plan.body).toBe(200)
    const copy = json(await w.partnerA.get(`/api/partner/referrals/${referral.id}`)).copy
    expect(copy.identity.lastName).not.toBe('Changé')
    expect(copy.contactDetails.phone).toBe(PERSON.phone)
    expect(copy.planGoals).toEqual(['Voir un psychologue chaque semaine'])
  })
})

describe('stopping a referral', () => {
  it('the service stops it (If-Match): the partner’s next request gets 404 and the copy’s key is gone', async () => {
    const { caseId } = await newCase(worker, w.team)
    const { referral } = await sent(worker, caseId, w.orgA, ['summary'])
    expect((await w.partnerA.get(`/api/partner/referrals/${referral.id}`)).statusCode).toBe(200)
    expect((await w.otherWorker.post(`/api/referrals/${referral.id}/stop`, {}, ifMatch(2))).statusCode).toBe(404)
    expect((await worker.post(`/api/referrals/${referral.id}/stop`, {}, ifMatch(1))).statusCode).toBe(412)
    const stopped = await worker.post(`/api/referrals/${referral.id}/stop`, {}, ifMatch(2))
    expect(stopped.statusCode, stopped.body).toBe(200)
    expect(json(stopped)).toMatchObject({ status: 'stopped', shreddedAt: expect.any(String) })
    expect((await w.partnerA.get(`/api/partner/referrals/${referral.id}`)).statusCode).toBe(404)
    expect(
      await t.services.db.selectFrom('person_keys').select('person_id').where('person_id', '=', referral.id).executeTakeFirst(),
    ).toBeUndefined()
    expect((await worker.post(`/api/referrals/${referral.id}/stop`, {}, ifMatch(3))).statusCode).toBe(409)
  })
})
