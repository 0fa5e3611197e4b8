import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { ifMatch, type Member, newCase, referralWorld, sent } from './referral-world.fixture'

let t: TestApp
let w: Awaited<ReturnType<typeof referralWorld>>
let worker: Member

beforeAll(async () => {
  t = await startTestApp()
  w = await referralWorld(t)
  worker = w.worker
})
afterAll(() => t.close())

const keyRow = (id: string) => t.services.db.selectFrom('person_keys').select('person_id').where('person_id', '=', id).executeTakeFirst()
const stored = (id: string) =>
  t.services.db.selectFrom('referrals').select(['copy_sealed', 'shredded_at']).where('id', '=', id).executeTakeFirstOrThrow()

describe('the partner portal', () => {
  it('shows a partner only the sent referrals addressed to its organisation; another organisation’s staff see nothing', async () => {
    const { caseId } = await newCase(worker, w.team)
    const { referral } = await sent(worker, caseId, w.orgA, ['summary'])
    const draftOnly = json(
      await worker.post(`/api/accompaniments/${caseId}/referrals`, {
        organisationId: w.orgA.id,
        reason: 'Brouillon',
        summary: 'Pas envoyé',
      }),
    )
    const list = json(await w.partnerA.get('/api/partner/referrals')).items
    expect(list.map((r: { id: string }) => r.id)).toContain(referral.id)
    expect(list.map((r: { id: string }) => r.id)).not.toContain(draftOnly.id)
    expect((await w.partnerA.get(`/api/partner/referrals/${draftOnly.id}`)).statusCode).toBe(404)
    // The second organisation's user: an empty list, 404 by id, 404 on every step.
    expect(json(await w.partnerB.get('/api/partner/referrals')).items).toEqual([])
    const other = await w.partnerB.get(`/api/partner/referrals/${referral.id}`)
    expect(other.statusCode).toBe(404)
    expect(json(other).code).toBe('resource.not_found')
    expect((await w.partnerB.post(`/api/partner/referrals/${referral.id}/accept`, {}, ifMatch(2))).statusCode).toBe(404)
    expect((await w.partnerB.post(`/api/partner/referrals/${referral.id}/feedback`, { note: 'Intrusion' })).statusCode).toBe(404)
    // Their own organisation's page, and nothing of the case side.
    expect(json(await w.partnerB.get('/api/partner/organisation')).id).toBe(w.orgB.id)
    expect((await w.partnerA.get(`/api/accompaniments/${caseId}/referrals`)).statusCode).toBe(403)
    expect((await w.partnerA.get('/api/partners')).statusCode).toBe(403)
    // A worker is not a partner.
    expect((await worker.get('/api/partner/referrals')).statusCode).toBe(403)
  })

  it('a partner account without an organisation reaches nothing', async () => {
    const loose = await t.as(['partner'])
    expect((await loose.get('/api/partner/referrals')).statusCode).toBe(404)
    expect((await loose.get('/api/partner/organisation')).statusCode).toBe(404)
  })

  it('accept, progress and complete with an outcome (If-Match); the end shreds the copy; feedback goes both ways', async () => {
    const { caseId } = await newCase(worker, w.team)
    const { referral } = await sent(worker, caseId, w.orgA, ['summary', 'contact_details'])
    const base = `/api/partner/referrals/${referral.id}`
    expect((await w.partnerA.post(`${base}/accept`, {})).statusCode).toBe(428)
    expect((await w.partnerA.post(`${base}/progress`, {}, ifMatch(2))).statusCode).toBe(409)
    const accepted = await w.partnerA.post(`${base}/accept`, {}, ifMatch(2))
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(json(accepted)).toMatchObject({ status: 'accepted', version: 3 })
    expect((await w.partnerA.post(`${base}/accept`, {}, ifMatch(2))).statusCode).toBe(412)
    // Feedback from the partner reaches the case; the service's reaches the partner.
    const fromPartner = await w.partnerA.post(`${base}/feedback`, { note: 'Premier rendez-vous fixé au 12' })
    expect(fromPartner.statusCode, fromPartner.body).toBe(201)
    const fromService = await worker.post(`/api/referrals/${referral.id}/feedback`, { note: 'Merci, elle viendra accompagnée' })
    expect(fromService.statusCode, fromService.body).toBe(201)
    expect(json(fromService).feedback.map((f: { side: string; note: string }) => [f.side, f.note])).toEqual([
      ['partner', 'Premier rendez-vous fixé au 12'],
      ['service', 'Merci, elle viendra accompagnée'],
    ])
    const seen = json(await w.partnerA.get(base))
    expect(seen.feedback.map((f: { note: string }) => f.note)).toEqual([
      'Premier rendez-vous fixé au 12',
      'Merci, elle viendra accompagnée',
    ])
    expect((await w.partnerA.post(`${base}/progress`, {}, ifMatch(3))).statusCode).toBe(200)
    const bad = await w.partnerA.post(`${base}/complete`, { outcome: { need: 'somewhat', person: 'stayed' } }, ifMatch(4))
    expect(json(bad).errors[0].field).toBe('outcome.need')
    const done = await w.partnerA.post(`${base}/complete`, { outcome: { need: 'partly_met', person: 'left' } }, ifMatch(4))
    expect(done.statusCode, done.body).toBe(200)
    // Ended: the partner's copy is gone, its key with it; the case keeps the outcome and the feedback.
    expect((await w.partnerA.get(base)).statusCode).toBe(404)
    expect(await keyRow(referral.id)).toBeUndefined()
    expect(await stored(referral.id)).toMatchObject({ copy_sealed: null, shredded_at: expect.any(String) })
    const [view] = json(await worker.get(`/api/accompaniments/${caseId}/referrals`)).items
    expect(view).toMatchObject({ status: 'completed', outcome: { need: 'partly_met', person: 'left' }, shreddedAt: expect.any(String) })
    expect(view.feedback).toHaveLength(2)
    expect(view.events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'sent',
      'accepted',
      'feedback',
      'feedback',
      'in_progress',
      'completed',
    ])
    // Each side was told, by the referral's code only: the partner's staff of the referral sent,
    // the worker of the partner's answers; the other organisation heard nothing.
    type Notice = { event: string; subjectId: string; reference: string }
    const told = async (agent: Agent) =>
      json<{ items: Notice[] }>(await agent.get('/api/notifications'))
        .items.filter((n) => n.subjectId === referral.id)
        .map((n) => `${n.event} ${n.reference}`)
    expect(await told(w.partnerA)).toEqual([`referral_sent ${referral.code}`])
    expect(await told(worker)).toEqual([`referral_completed ${referral.code}`, `referral_accepted ${referral.code}`])
    expect(await told(w.partnerB)).toEqual([])
  })

  it('decline with a reason the case reads; the copy is shredded', async () => {
    const { caseId } = await newCase(worker, w.team)
    const { referral } = await sent(worker, caseId, w.orgA, ['summary'])
    const base = `/api/partner/referrals/${referral.id}`
    const fields = (body: object) =>
      w.partnerA.post(`${base}/decline`, body, ifMatch(2)).then((r) => json(r).errors.map((e: { field: string }) => e.field))
    expect((await fields({})).sort()).toEqual(['reason', 'reasonCode'])
    expect(await fields({ reasonCode: 'busy', reason: 'Complet' })).toEqual(['reasonCode'])
    const declined = await w.partnerA.post(
      `${base}/decline`,
      { reasonCode: 'no_capacity', reason: 'Liste d’attente de six mois' },
      ifMatch(2),
    )
    expect(declined.statusCode, declined.body).toBe(200)
    expect((await w.partnerA.get(base)).statusCode).toBe(404)
    expect(await keyRow(referral.id)).toBeUndefined()
    const [view] = json(await worker.get(`/api/accompaniments/${caseId}/referrals`)).items
    expect(view).toMatchObject({ status: 'declined', declineReason: 'Liste d’attente de six mois', declineReasonCode: 'no_capacity' })
  })

  it('withdrawing the consent cuts the partner at once: 404 on its next request, the key row gone', async () => {
    const { caseId } = await newCase(worker, w.team)
    const { consent, referral } = await sent(worker, caseId, w.orgA, ['summary', 'identity'])
    expect((await w.partnerA.get(`/api/partner/referrals/${referral.id}`)).statusCode).toBe(200)
    expect(await keyRow(referral.id)).toBeTruthy()
    expect((await worker.post(`/api/consents/${consent.id}/withdraw`, {}, ifMatch(1))).statusCode).toBe(200)
    expect((await w.partnerA.get(`/api/partner/referrals/${referral.id}`)).statusCode).toBe(404)
    expect(json(await w.partnerA.get('/api/partner/referrals')).items.map((r: { id: string }) => r.id)).not.toContain(referral.id)
    expect((await w.partnerA.post(`/api/partner/referrals/${referral.id}/feedback`, { note: 'Encore là ?' })).statusCode).toBe(404)
    expect(await keyRow(referral.id)).toBeUndefined()
    expect(await stored(referral.id)).toMatchObject({ copy_sealed: null, shredded_at: expect.any(String) })
    // The case shows until when it was shared.
    const [view] = json(await worker.get(`/api/accompaniments/${caseId}/referrals`)).items
    expect(view.shreddedAt).toBeTruthy()
  })

  it('an expired consent gives the partner 404 at once, and the next list destroys the copy', async () => {
    const { caseId } = await newCase(worker, w.team)
    const { consent, referral } = await sent(worker, caseId, w.orgA, ['summary'])
    // Time passes: the consent's last day is yesterday.
    await t.services.db.updateTable('consents').set({ expires_on: '2026-01-01' }).where('id', '=', consent.id).execute()
    expect((await w.partnerA.get(`/api/partner/referrals/${referral.id}`)).statusCode).toBe(404)
    expect(json(await w.partnerA.get('/api/partner/referrals')).items.map((r: { id: string }) => r.id)).not.toContain(referral.id)
    expect(await keyRow(referral.id)).toBeUndefined()
    expect(await stored(referral.id)).toMatchObject({ copy_sealed: null, shredded_at: expect.any(String) })
    expect((await auditRows(t.services, 'referral.expired_shredded')).length).toBeGreaterThan(0)
  })

  it('the partner’s reads are audited with the person concerned, for the DPO, without the partner learning who it is', async () => {
    const { caseId, personId } = await newCase(worker, w.team)
    const { referral } = await sent(worker, caseId, w.orgA, ['summary'])
    const res = await w.partnerA.get(`/api/partner/referrals/${referral.id}`)
    expect(res.body).not.toContain(personId)
    const entry = (await auditRows(t.services, 'partner_referral.viewed')).at(-1)
    expect(entry).toMatchObject({ actor_id: w.partnerA.userId, subject_type: 'referral', subject_id: referral.id })
    const persons = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entry!.seq).execute()
    expect(persons.map((p) => p.person_id)).toContain(personId)
  })
})
