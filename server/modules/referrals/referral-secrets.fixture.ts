import { expect } from 'vitest'
import { json, type TestApp } from '../../test/harness'
import { ifMatch, organisation, partnerOf } from './referral-world.fixture'

/**
 * For security/encryption.api.test.ts: a consent's note, a referral's reason, request and summary,
 * the partner's copy (which holds the client's phone and e-mail), a decline's reason and feedback
 * from both sides, a shared document's name and a shared plan goal (both in the copy) — values found
 * nowhere else, so that finding one in storage is a leak.
 */
export const REFERRAL_SECRETS = [
  'Quokka lantern consent note',
  'Brioche telescope reason',
  'Walrus accordion request',
  'Pistachio glacier summary',
  '+32 471 13 57 91',
  'orinoco.zebulon@mailbox.example',
  'Nutmeg carousel partner feedback',
  'Harpsichord meadow service feedback',
  'Tapioca windmill decline',
  'Gooseberry trombone report.pdf',
  'Rhubarb lighthouse goal',
]

export async function storeReferralSecrets(h: TestApp): Promise<void> {
  const [note, reason, request, summary, phone, email, partnerNote, serviceNote, declined, filename, goal] = REFERRAL_SECRETS as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  const team = await h.team()
  const worker = await h.as(['worker'], { teamIds: [team] })
  const lead = await h.as(['lead'], { teamIds: [team] })
  const org = await organisation(lead)
  const partner = await partnerOf(h, org.id)
  const client = json(await worker.post('/api/persons', { firstName: 'Referred', lastName: 'Client', phone, email }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: client.id, teamId: team }))
  const plan = await worker.put(`/api/accompaniments/${acc.id}/plan`, { goals: [{ domain: 'health', title: goal, steps: [] }] }, ifMatch(0))
  expect(plan.statusCode, plan.body).toBe(200)
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n')
  const doc = json(
    await worker.post(`/api/accompaniments/${acc.id}/documents`, pdf, {
      'content-type': 'application/pdf',
      'x-filename': encodeURIComponent(filename),
    }),
  )
  const scope = ['summary', 'contact_details', 'plan_goals', 'documents']
  const consent = json(
    await worker.post(`/api/accompaniments/${acc.id}/consents`, {
      organisationId: org.id,
      purpose: 'Soutien',
      basis: 'consent',
      givenBy: 'person',
      givenOn: '2026-11-01',
      how: 'oral',
      scope,
      expiresOn: '2099-12-31',
      note,
    }),
  )
  const send = async () => {
    const draft = json(
      await worker.post(`/api/accompaniments/${acc.id}/referrals`, {
        organisationId: org.id,
        reason,
        request,
        summary,
        shared: scope,
        documentIds: [doc.id],
      }),
    )
    const sent = await worker.post(`/api/referrals/${draft.id}/send`, { consentId: consent.id }, ifMatch(1))
    expect(sent.statusCode, sent.body).toBe(200)
    return draft.id as string
  }
  // One referral stays open with its copy and both sides' feedback; another is declined with a reason.
  const open = await send()
  expect((await partner.post(`/api/partner/referrals/${open}/feedback`, { note: partnerNote })).statusCode).toBe(201)
  expect((await worker.post(`/api/referrals/${open}/feedback`, { note: serviceNote })).statusCode).toBe(201)
  const copy = json(await partner.get(`/api/partner/referrals/${open}`))
  expect(copy.copy).toMatchObject({ summary, contactDetails: { phone, email }, planGoals: [goal], documents: [{ filename }] })
  const other = await send()
  expect(
    (await partner.post(`/api/partner/referrals/${other}/decline`, { reasonCode: 'other', reason: declined }, ifMatch(2))).statusCode,
  ).toBe(200)
  const views = json(await worker.get(`/api/accompaniments/${acc.id}/referrals`)).items
  expect(views.map((v: { declineReason: string | null }) => v.declineReason)).toContain(declined)
}
