import crypto from 'node:crypto'
import { expect } from 'vitest'
import { type Agent, json, type TestApp } from '../../test/harness'

/**
 * The world of the referral tests: a case with its worker and lead, a worker of another team,
 * two partner organisations with one partner user each. The partner users are attached to their
 * organisation in the database here (the users admin route, which does it through a second
 * person's confirmation, is tested in users-organisation.api.test.ts).
 */
export type Member = Agent & { userId: string }
export const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })

export const PERSON = {
  firstName: 'Yasmina',
  lastName: 'Orientée',
  birthYear: 2008,
  phone: '+32 470 11 22 33',
  email: 'yasmina.orientee@example.org',
}
export const PLAN = { goals: [{ domain: 'health', title: 'Voir un psychologue chaque semaine', steps: [] }] }

export async function organisation(lead: Agent, name = `Centre ${crypto.randomBytes(3).toString('hex')}`) {
  const res = await lead.post('/api/partners', {
    name,
    description: 'Consultations',
    audiences: ['young_people'],
    languages: ['fr'],
    referralEmail: 'orientations@centre.example',
    contacts: [],
    services: [
      {
        name: 'Consultations',
        capacity: 'available',
        languages: ['fr'],
        needs: ['mental_health'],
        coverage: [{ level: 'postcode', code: '4000' }],
      },
    ],
  })
  expect(res.statusCode, res.body).toBe(201)
  const org = json(res)
  return { id: org.id as string, serviceId: org.services[0].id as string }
}

export async function partnerOf(t: TestApp, organisationId: string): Promise<Member> {
  const agent = await t.as(['partner'])
  await t.services.db.updateTable('users').set({ organisation_id: organisationId }).where('id', '=', agent.userId).execute()
  return agent
}

export async function referralWorld(t: TestApp) {
  const team = await t.team()
  const other = await t.team()
  const worker = await t.as(['worker'], { teamIds: [team] })
  const lead = await t.as(['lead'], { teamIds: [team] })
  const otherWorker = await t.as(['worker'], { teamIds: [other] })
  const orgA = await organisation(lead)
  const orgB = await organisation(lead)
  const partnerA = await partnerOf(t, orgA.id)
  const partnerB = await partnerOf(t, orgB.id)
  return { team, worker, lead, otherWorker, orgA, orgB, partnerA, partnerB }
}

/** A new case of the worker's with a client and a saved plan. */
export async function newCase(worker: Agent, team: string) {
  const person = json(
    await worker.post('/api/persons', { ...PERSON, lastName: `${PERSON.lastName} ${crypto.randomBytes(2).toString('hex')}` }),
  )
  const created = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(created.statusCode, created.body).toBe(201)
  const caseId = json(created).id as string
  const plan = await worker.put(`/api/accompaniments/${caseId}/plan`, PLAN, ifMatch(0))
  expect(plan.statusCode, plan.body).toBe(200)
  return { caseId, personId: person.id as string, lastName: person.lastName as string }
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)

export function consentBody(organisationId: string, scope: string[], over: Record<string, unknown> = {}) {
  return {
    organisationId,
    purpose: 'Suivi psychologique',
    basis: 'consent',
    givenBy: 'legal_representative',
    givenOn: inDays(-1),
    how: 'oral',
    scope,
    expiresOn: inDays(180),
    note: 'La mère a donné son accord au téléphone',
    ...over,
  }
}

export async function consent(worker: Agent, caseId: string, organisationId: string, scope: string[], over: Record<string, unknown> = {}) {
  const res = await worker.post(`/api/accompaniments/${caseId}/consents`, consentBody(organisationId, scope, over))
  expect(res.statusCode, res.body).toBe(201)
  return json(res) as { id: string; version: number }
}

export async function draft(worker: Agent, caseId: string, org: { id: string; serviceId: string }, shared: string[]) {
  const res = await worker.post(`/api/accompaniments/${caseId}/referrals`, {
    organisationId: org.id,
    serviceId: org.serviceId,
    reason: 'Angoisses depuis la rupture avec le groupe',
    request: 'Un suivi régulier',
    summary: 'Jeune de 18 ans, en rupture avec un groupe radical, demande un soutien psychologique',
    shared,
  })
  expect(res.statusCode, res.body).toBe(201)
  return json(res) as { id: string; version: number; code: string }
}

export async function sent(worker: Agent, caseId: string, org: { id: string; serviceId: string }, shared: string[]) {
  const c = await consent(worker, caseId, org.id, shared)
  const d = await draft(worker, caseId, org, shared)
  const res = await worker.post(`/api/referrals/${d.id}/send`, { consentId: c.id }, ifMatch(d.version))
  expect(res.statusCode, res.body).toBe(200)
  return { consent: c, referral: json(res) as { id: string; version: number; code: string } }
}
