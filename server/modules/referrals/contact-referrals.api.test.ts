import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonymiseContact } from '../../security/person-erasure'
import { auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { consentBody, ifMatch, newCase, referralWorld } from './referral-world.fixture'

/**
 * Orientation from the contact point without a case: a mother calls about her son, wants family
 * support near home and agrees that the partner call her back. The worker who took the call
 * records her consent on the contact and refers her; the partner sees her name, how to reach her
 * and the summary, and nothing else; withdrawal, linking and retention behave as on a case.
 */

let t: TestApp
let w: Awaited<ReturnType<typeof referralWorld>>

beforeAll(async () => {
  t = await startTestApp()
  w = await referralWorld(t)
})
afterAll(() => t.close())

const CALLER = { name: 'Nadia Berrada', phone: '0470 12 34 56', email: 'nadia.b@example.org', reach: 'le soir, pas au travail' }

async function call() {
  const res = await w.worker.post('/api/contacts', {
    channel: 'phone',
    occurredAt: new Date().toISOString(),
    durationMinutes: 20,
    callerKind: 'relative',
    caller: CALLER,
    personDescription: 'Son fils de 16 ans, isolé, passe ses nuits en ligne',
    themes: [],
    summary: 'Mère inquiète, demande un soutien familial près de Liège',
  })
  expect(res.statusCode, res.body).toBe(201)
  return json(res) as { id: string; version: number }
}

const DRAFT = (org: { id: string; serviceId: string }, shared: string[]) => ({
  organisationId: org.id,
  serviceId: org.serviceId,
  reason: 'Soutien à la famille',
  request: 'Rappeler la mère cette semaine',
  summary: 'Une mère demande un accompagnement familial; son fils de 16 ans s’isole',
  shared,
})

async function referred(shared: string[]) {
  const contact = await call()
  const consent = await w.worker.post(`/api/contacts/${contact.id}/consents`, consentBody(w.orgA.id, shared, { givenBy: 'person' }))
  expect(consent.statusCode, consent.body).toBe(201)
  const draft = await w.worker.post(`/api/contacts/${contact.id}/referrals`, DRAFT(w.orgA, shared))
  expect(draft.statusCode, draft.body).toBe(201)
  const sent = await w.worker.post(`/api/referrals/${json(draft).id}/send`, { consentId: json(consent).id }, ifMatch(1))
  expect(sent.statusCode, sent.body).toBe(200)
  return { contact, consent: json(consent) as { id: string; version: number }, referral: json(sent) as { id: string; version: number } }
}

describe('a referral from a contact without a case', () => {
  it('is sent under the caller’s consent; the partner sees her name, how to reach her and the summary, nothing else', async () => {
    const { contact, referral } = await referred(['summary', 'identity', 'contact_details'])
    expect(referral).toMatchObject({ status: 'sent', contactId: contact.id, accompanimentId: null })
    const seen = await w.partnerA.get(`/api/partner/referrals/${referral.id}`)
    expect(seen.statusCode, seen.body).toBe(200)
    expect(json(seen).copy).toEqual({
      reference: json(seen).code,
      summary: 'Une mère demande un accompagnement familial; son fils de 16 ans s’isole',
      caller: { name: CALLER.name, reach: CALLER.reach },
      contactDetails: { phone: CALLER.phone, email: CALLER.email },
    })
    // Not the description of the son, not the worker's own summary of the call.
    expect(seen.body).not.toContain('passe ses nuits')
    expect(seen.body).not.toContain('Liège')
    expect((await w.partnerB.get(`/api/partner/referrals/${referral.id}`)).statusCode).toBe(404)
  })

  it('shares only the summary by default: no name, no number', async () => {
    const contact = await call()
    const consent = json(await w.worker.post(`/api/contacts/${contact.id}/consents`, consentBody(w.orgA.id, ['summary'])))
    // No `shared` in the body: the default applies.
    const { shared: _shared, ...body } = DRAFT(w.orgA, [])
    const draft = await w.worker.post(`/api/contacts/${contact.id}/referrals`, body)
    expect(draft.statusCode, draft.body).toBe(201)
    expect(json(draft).shared).toEqual(['summary'])
    const sent = await w.worker.post(`/api/referrals/${json(draft).id}/send`, { consentId: consent.id }, ifMatch(1))
    expect(sent.statusCode, sent.body).toBe(200)
    const copy = json(await w.partnerA.get(`/api/partner/referrals/${json(draft).id}`)).copy
    expect(Object.keys(copy).sort()).toEqual(['reference', 'summary'])
  })

  it('is listed on the contact for its workers and the lead, 404 to a worker who does not see the contact, 403 to intake', async () => {
    const { contact, consent, referral } = await referred(['summary'])
    for (const who of [w.worker, w.lead]) {
      const list = json(await who.get(`/api/contacts/${contact.id}/referrals`)).items
      expect(list.map((r: { id: string }) => r.id)).toEqual([referral.id])
      expect(list[0]).toMatchObject({ reason: 'Soutien à la famille', sharedUntil: expect.any(String), status: 'sent' })
      const consents = json(await who.get(`/api/contacts/${contact.id}/consents`)).items
      expect(consents).toEqual([expect.objectContaining({ id: consent.id, contactId: contact.id, accompanimentId: null, active: true })])
    }
    expect((await w.otherWorker.get(`/api/contacts/${contact.id}/referrals`)).statusCode).toBe(404)
    expect((await w.otherWorker.get(`/api/contacts/${contact.id}/consents`)).statusCode).toBe(404)
    expect((await w.otherWorker.post(`/api/contacts/${contact.id}/referrals`, DRAFT(w.orgA, ['summary']))).statusCode).toBe(404)
    expect((await w.otherWorker.post(`/api/referrals/${referral.id}/stop`, {}, ifMatch(referral.version))).statusCode).toBe(404)
    const intake = await t.as(['intake'])
    expect((await intake.get(`/api/contacts/${contact.id}/referrals`)).statusCode).toBe(403)
  })

  it('refuses what a contact cannot share, naming each field, and writes nothing', async () => {
    const contact = await call()
    const draft = await w.worker.post(`/api/contacts/${contact.id}/referrals`, {
      ...DRAFT(w.orgA, ['summary', 'plan_goals', 'documents']),
      documentIds: ['00000000-0000-4000-8000-000000000000'],
    })
    expect(draft.statusCode, draft.body).toBe(400)
    expect(json(draft).errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['shared.1', 'not_shareable_from_contact'],
      ['shared.2', 'not_shareable_from_contact'],
    ])
    const scope = await w.worker.post(`/api/contacts/${contact.id}/consents`, consentBody(w.orgA.id, ['documents', 'summary']))
    expect(scope.statusCode).toBe(400)
    expect(json(scope).errors).toEqual([expect.objectContaining({ field: 'scope.0', code: 'not_shareable_from_contact' })])
    const form = await w.worker.post(
      `/api/contacts/${contact.id}/consents`,
      consentBody(w.orgA.id, ['summary'], { how: 'signed_form', documentId: '00000000-0000-4000-8000-000000000000' }),
    )
    expect(json(form).errors).toEqual([expect.objectContaining({ field: 'documentId', code: 'unknown_document' })])
    expect(json(await w.worker.get(`/api/contacts/${contact.id}/referrals`)).items).toEqual([])
    expect(json(await w.worker.get(`/api/contacts/${contact.id}/consents`)).items).toEqual([])
  })

  it('is refused a consent that is not the contact’s, or does not cover a shared field', async () => {
    const contact = await call()
    const { caseId } = await newCase(w.worker, w.team)
    const onCase = json(await w.worker.post(`/api/accompaniments/${caseId}/consents`, consentBody(w.orgA.id, ['summary', 'identity'])))
    const narrow = json(await w.worker.post(`/api/contacts/${contact.id}/consents`, consentBody(w.orgA.id, ['summary'])))
    const draft = json(await w.worker.post(`/api/contacts/${contact.id}/referrals`, DRAFT(w.orgA, ['summary', 'identity'])))
    const other = await w.worker.post(`/api/referrals/${draft.id}/send`, { consentId: onCase.id }, ifMatch(1))
    expect(json(other).errors).toEqual([expect.objectContaining({ field: 'consentId', code: 'unknown_consent' })])
    const short = await w.worker.post(`/api/referrals/${draft.id}/send`, { consentId: narrow.id }, ifMatch(1))
    expect(json(short).errors).toEqual([expect.objectContaining({ field: 'shared.identity', code: 'not_in_consent_scope' })])
    expect(json(await w.partnerA.get('/api/partner/referrals')).items.map((r: { id: string }) => r.id)).not.toContain(draft.id)
  })

  it('goes through the partner’s answer and feedback, which the contact shows', async () => {
    const { contact, referral } = await referred(['summary'])
    const accepted = await w.partnerA.post(`/api/partner/referrals/${referral.id}/accept`, {}, ifMatch(referral.version))
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect((await w.partnerA.post(`/api/partner/referrals/${referral.id}/feedback`, { note: 'Rendez-vous fixé mardi' })).statusCode).toBe(
      201,
    )
    expect((await w.worker.post(`/api/referrals/${referral.id}/feedback`, { note: 'Merci, la mère est prévenue' })).statusCode).toBe(201)
    const [seen] = json(await w.worker.get(`/api/contacts/${contact.id}/referrals`)).items
    expect(seen.status).toBe('accepted')
    expect(seen.feedback.map((f: { side: string; note: string }) => [f.side, f.note])).toEqual([
      ['partner', 'Rendez-vous fixé mardi'],
      ['service', 'Merci, la mère est prévenue'],
    ])
  })

  it('withdrawing the caller’s consent cuts the partner at once and shreds the copy’s key', async () => {
    const { consent, referral } = await referred(['summary', 'contact_details'])
    const withdrawn = await w.worker.post(`/api/consents/${consent.id}/withdraw`, {}, ifMatch(consent.version))
    expect(withdrawn.statusCode, withdrawn.body).toBe(200)
    expect(json(withdrawn)).toMatchObject({ active: false, contactId: expect.any(String) })
    expect((await w.partnerA.get(`/api/partner/referrals/${referral.id}`)).statusCode).toBe(404)
    expect(json(await w.partnerA.get('/api/partner/referrals')).items.map((r: { id: string }) => r.id)).not.toContain(referral.id)
    const key = await t.services.db.selectFrom('person_keys').select('person_id').where('person_id', '=', referral.id).executeTakeFirst()
    expect(key).toBeUndefined()
  })

  it('once the contact is linked to a case, new orientation goes through the case; what was recorded stays on the contact', async () => {
    const { contact, consent, referral } = await referred(['summary'])
    const current = json(await w.worker.get(`/api/contacts/${contact.id}`))
    const final = await w.worker.post(`/api/contacts/${contact.id}/finalise`, {}, ifMatch(current.version))
    expect(final.statusCode, final.body).toBe(200)
    const { caseId } = await newCase(w.worker, w.team)
    const linked = await w.worker.post(`/api/contacts/${contact.id}/link`, { accompanimentId: caseId }, ifMatch(json(final).version))
    expect(linked.statusCode, linked.body).toBe(200)
    const again = await w.worker.post(`/api/contacts/${contact.id}/referrals`, DRAFT(w.orgA, ['summary']))
    expect(again.statusCode).toBe(400)
    expect(json(again).errors).toEqual([expect.objectContaining({ field: 'contact', code: 'contact_has_case' })])
    expect(json(await w.worker.get(`/api/contacts/${contact.id}/referrals`)).items.map((r: { id: string }) => r.id)).toEqual([referral.id])
    // The case lists it too, after its own, as the contact's: whoever takes the case over sees the
    // orientation already given on the line.
    const own = await w.worker.post(`/api/accompaniments/${caseId}/referrals`, DRAFT(w.orgA, ['summary']))
    expect(own.statusCode, own.body).toBe(201)
    const onCase = await w.worker.get(`/api/accompaniments/${caseId}/referrals`)
    expect(onCase.statusCode, onCase.body).toBe(200)
    expect(
      json(onCase).items.map((r: { id: string; accompanimentId: string | null; contactId: string | null }) => [
        r.id,
        r.accompanimentId,
        r.contactId,
      ]),
    ).toEqual([
      [json(own).id, caseId, null],
      [referral.id, null, contact.id],
    ])
    expect(json(onCase).items[1]).toMatchObject({ status: 'sent', summary: DRAFT(w.orgA, []).summary })
    const [entry] = (await auditRows(t.services, 'referral.listed')).filter((r) => r.subject_id === caseId).slice(-1)
    expect(JSON.parse(entry!.details as string)).toMatchObject({ accompanimentId: caseId, contactIds: [contact.id] })
    // The consent it went under is listed on the case too, after the case's own, as the contact's…
    const caseConsent = await w.worker.post(`/api/accompaniments/${caseId}/consents`, consentBody(w.orgA.id, ['summary']))
    expect(caseConsent.statusCode, caseConsent.body).toBe(201)
    const consents = await w.worker.get(`/api/accompaniments/${caseId}/consents`)
    expect(consents.statusCode, consents.body).toBe(200)
    expect(
      json(consents).items.map((c: { id: string; accompanimentId: string | null; contactId: string | null }) => [
        c.id,
        c.accompanimentId,
        c.contactId,
      ]),
    ).toEqual([
      [json(caseConsent).id, caseId, null],
      [consent.id, null, contact.id],
    ])
    const [listed] = (await auditRows(t.services, 'consent.listed')).filter((r) => r.subject_id === caseId).slice(-1)
    expect(JSON.parse(listed!.details as string)).toMatchObject({ accompanimentId: caseId, contactIds: [contact.id] })
    // …and a case's referral cannot go out under it: the case's own consents only.
    const under = await w.worker.post(`/api/referrals/${json(own).id}/send`, { consentId: consent.id }, ifMatch(1))
    expect(under.statusCode).toBe(400)
    expect(json(under).errors).toEqual([expect.objectContaining({ field: 'consentId', code: 'unknown_consent' })])
    // Still stoppable and withdrawable where it was recorded.
    expect((await w.worker.post(`/api/consents/${consent.id}/withdraw`, {}, ifMatch(consent.version))).statusCode).toBe(200)
  })

  it('is emptied with the contact when retention anonymises it: words, copy and their keys', async () => {
    const { contact, consent, referral } = await referred(['summary', 'identity'])
    await t.services.db.transaction().execute((trx) => anonymiseContact(trx, t.services.codec, contact.id, new Date().toISOString()))
    const row = await t.services.db
      .selectFrom('referrals')
      .select(['reason_sealed', 'summary_sealed', 'copy_sealed', 'shredded_at'])
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow()
    expect(row.copy_sealed).toBeNull()
    expect(row.summary_sealed).toBeNull()
    expect(row.shredded_at).not.toBeNull()
    const note = await t.services.db.selectFrom('consents').select('note_sealed').where('id', '=', consent.id).executeTakeFirstOrThrow()
    expect(note.note_sealed).toBeNull()
    const keys = await t.services.db
      .selectFrom('person_keys')
      .select(sql<number>`count(*)`.as('n'))
      .where('person_id', 'in', [contact.id, referral.id])
      .executeTakeFirstOrThrow()
    expect(Number(keys.n)).toBe(0)
    expect((await w.partnerA.get(`/api/partner/referrals/${referral.id}`)).statusCode).toBe(404)
  })
})
