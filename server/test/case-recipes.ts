import { expect } from 'vitest'
import type { Route } from '../http/define-route'
import { type CaseFixture, caseVersion, closeCase, ifMatch } from './case-world'
import { json } from './harness'

/** What to send to a case route: its other path parameters, query, body and headers. */
export type CaseRequest = {
  params?: Record<string, string>
  query?: Record<string, string>
  body?: unknown
  headers?: Record<string, string>
}

/**
 * How to call a case route so that a caller allowed to do it succeeds: it makes what the request
 * needs on the case first (a row to change, a pending closure), as the case's primary worker or
 * lead, then says what to send. A new case route needs its line here: the matrices read this
 * table for every route the route table marks with `caseAccess`.
 */
export type Recipe = (c: CaseFixture) => Promise<CaseRequest>

const none: Recipe = async () => ({})
const send =
  (body: unknown, headers?: Record<string, string>): Recipe =>
  async () => ({ body, headers })

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const RELATIVE = { name: 'Samira Mansouri', relationship: 'sibling', involvement: 'informed', consent: 'not_asked' }
const SESSION = { startsAt: '2026-12-01T10:00:00Z', modality: 'office' }
const TASK = { title: 'Appeler le CPAS', dueDate: day(3) }
const REPORT = { periodFrom: day(-90), periodTo: day(0), engagement: 'active', recipient: 'Maison de justice de Namur' }
const ASSESSMENT = { instrument: 'progress-review', takenOn: '2026-11-02', answers: { housing: { worker: 6, person: 7 } } }
/** Instruments are offered by the case's kind (0038): a relative's case answers the relative review. */
const RELATIVE_ASSESSMENT = { instrument: 'relative-review', takenOn: '2026-11-02', answers: { worry: { worker: 6, person: 7 } } }
async function assessmentFor(c: CaseFixture) {
  const kind = json<{ kind: string }>(await c.world.owner.get(`/api/accompaniments/${c.id}`)).kind
  return kind === 'relative' ? RELATIVE_ASSESSMENT : ASSESSMENT
}
const PLAN = { goals: [{ domain: 'housing', title: 'Trouver un logement', steps: [] }] }
const EVENT = { precision: 'year', date: '2019', phase: 'entry', title: 'Entrée' }
const TIE = { name: 'Club de boxe', kind: 'group', relation: 'community', strength: 2, valence: 'supportive' }
const PDF = Buffer.from('%PDF-1.4 attestation')
const EXCEPTION = {
  situation: 'Menace de passage à l’acte contre un enseignant',
  legalBasisId: '7f0c1a52-0001-4d2e-9a00-000000000001',
  recipientKind: 'police',
  recipientName: 'Zone de police Bruxelles-Nord',
  disclosed: 'Nom, école visée, heure annoncée',
  disclosedAt: '2026-11-30T10:00:00Z',
}

/** A partner organisation for consents and referrals, made once per world by the team's lead. */
const partnerOrgs = new WeakMap<object, Promise<string>>()
function partnerOrg(c: CaseFixture): Promise<string> {
  let made = partnerOrgs.get(c.world)
  if (!made) {
    made = c.world.as.teamLead
      .request('POST', '/api/partners', { name: `Partenaire ${c.code}`, description: 'Orientation', services: [] })
      .then((res) => {
        expect(res.statusCode, res.body).toBe(201)
        return json(res).id as string
      })
    partnerOrgs.set(c.world, made)
  }
  return made
}
const consentFor = (organisationId: string) => ({
  organisationId,
  purpose: 'Suivi',
  basis: 'consent',
  givenBy: 'person',
  givenOn: day(0),
  how: 'oral',
  scope: ['summary'],
  expiresOn: day(90),
})

/** Makes a row on the case as its primary worker, and answers its id. */
async function made(c: CaseFixture, path: string, body: unknown, headers?: Record<string, string>): Promise<string> {
  const res = await c.world.owner.request('POST', `/api/accompaniments/${c.id}${path}`, body, headers)
  expect(res.statusCode, `${path}: ${res.body}`).toBe(201)
  return json(res).id
}

/** The case's own version for a lifecycle step, sent as If-Match. */
const caseStep =
  (body: unknown): Recipe =>
  async (c) => ({ body, headers: ifMatch(await caseVersion(c)) })

async function currentPlanVersion(c: CaseFixture): Promise<number> {
  const res = await c.world.owner.get(`/api/accompaniments/${c.id}/plan`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res).version ?? 0
}

async function savedPlan(c: CaseFixture): Promise<number> {
  const res = await c.world.owner.put(`/api/accompaniments/${c.id}/plan`, PLAN, ifMatch(await currentPlanVersion(c)))
  expect(res.statusCode, res.body).toBe(200)
  return json(res).version
}

export const CASE_RECIPES: Record<string, Recipe> = {
  'GET /api/accompaniments/:id': none,
  'PUT /api/accompaniments/:id': caseStep({ summary: 'Situation revue', framework: { framework: 'judicial', measure: 'other' } }),
  'GET /api/accompaniments/:id/timeline': none,
  'GET /api/accompaniments/:id/closure': none,
  'POST /api/accompaniments/:id/assign': async (c) => ({
    body: { primaryWorkerId: c.world.owner.userId, coWorkerIds: [c.world.as.coWorker.userId] },
    headers: ifMatch(await caseVersion(c)),
  }),
  'POST /api/accompaniments/:id/break-glass': send({ reason: 'Appel urgent de la police locale' }),
  'POST /api/accompaniments/:id/status': caseStep({ to: 'suspended', reason: 'Hospitalisation' }),
  'POST /api/accompaniments/:id/closure': caseStep({ outcome: 'goals_reached', reason: 'Objectifs atteints' }),
  'POST /api/accompaniments/:id/closure/decision': async (c) => {
    const asked = await c.world.owner.post(
      `/api/accompaniments/${c.id}/closure`,
      { outcome: 'moved_away', reason: 'Déménagement' },
      ifMatch(await caseVersion(c)),
    )
    expect(asked.statusCode, asked.body).toBe(200)
    return { body: { approve: false, note: 'Encore un entretien' }, headers: ifMatch(json(asked).version) }
  },
  'POST /api/accompaniments/:id/reopen': async (c) => {
    await closeCase(c)
    return { body: { reason: 'Nouvelle demande de la famille' }, headers: ifMatch(await caseVersion(c)) }
  },

  'GET /api/accompaniments/:id/relatives': none,
  'GET /api/accompaniments/:id/exceptions': none,
  'GET /api/accompaniments/:id/consents': none,
  'POST /api/accompaniments/:id/consents': async (c) => ({ body: consentFor(await partnerOrg(c)) }),
  'POST /api/accompaniments/:id/consents/:consentId/form': async (c) => ({
    params: { consentId: await made(c, '/consents', consentFor(await partnerOrg(c))) },
    body: PDF,
    headers: { ...ifMatch(1), 'content-type': 'application/pdf', 'x-filename': 'consentement-signe.pdf' },
  }),
  'GET /api/accompaniments/:id/referrals': none,
  'POST /api/accompaniments/:id/referrals': async (c) => ({
    body: { organisationId: await partnerOrg(c), reason: 'Soutien', summary: 'Résumé' },
  }),
  'POST /api/accompaniments/:id/exceptions': send(EXCEPTION),
  'POST /api/accompaniments/:id/relatives': send(RELATIVE),
  'PUT /api/accompaniments/:id/relatives/:relativeId': async (c) => ({
    params: { relativeId: await made(c, '/relatives', RELATIVE) },
    body: { ...RELATIVE, involvement: 'participates' },
    headers: ifMatch(1),
  }),

  'GET /api/accompaniments/:id/sessions': none,
  'POST /api/accompaniments/:id/sessions': send(SESSION),
  'PUT /api/accompaniments/:id/sessions/:sessionId': async (c) => ({
    params: { sessionId: await made(c, '/sessions', SESSION) },
    body: { ...SESSION, status: 'held', attendance: 'present' },
    headers: ifMatch(1),
  }),

  'GET /api/accompaniments/:id/tasks': none,
  'POST /api/accompaniments/:id/tasks': send(TASK),
  'POST /api/accompaniments/:id/tasks/:taskId/status': async (c) => ({
    params: { taskId: await made(c, '/tasks', TASK) },
    body: { status: 'done' },
    headers: ifMatch(1),
  }),

  'PUT /api/accompaniments/:id/tasks/:taskId': async (c) => ({
    params: { taskId: await made(c, '/tasks', TASK) },
    body: { ...TASK, title: 'Rappeler le CPAS', dueTime: '14:30', assigneeId: c.world.as.coWorker.userId },
    headers: ifMatch(1),
  }),

  'GET /api/accompaniments/:id/documents': none,
  'POST /api/accompaniments/:id/documents': send(PDF, { 'content-type': 'application/pdf', 'x-filename': 'attestation.pdf' }),
  'GET /api/accompaniments/:id/documents/:documentId': async (c) => ({
    params: { documentId: await made(c, '/documents', PDF, { 'content-type': 'application/pdf', 'x-filename': 'attestation.pdf' }) },
  }),

  'PATCH /api/accompaniments/:id/documents/:documentId': async (c) => ({
    params: { documentId: await made(c, '/documents', PDF, { 'content-type': 'application/pdf', 'x-filename': 'attestation.pdf' }) },
    body: { category: 'judicial' },
    headers: ifMatch(1),
  }),
  'DELETE /api/accompaniments/:id/documents/:documentId': async (c) => ({
    params: { documentId: await made(c, '/documents', PDF, { 'content-type': 'application/pdf', 'x-filename': 'attestation.pdf' }) },
    headers: ifMatch(1),
  }),

  'GET /api/accompaniments/:id/reports': none,
  'POST /api/accompaniments/:id/reports': send(REPORT),
  'GET /api/accompaniments/:id/reports/:reportId/pdf': async (c) => ({ params: { reportId: await made(c, '/reports', REPORT) } }),

  'GET /api/accompaniments/:id/progress': none,
  'GET /api/accompaniments/:id/summary': none,

  'GET /api/accompaniments/:id/assessments': none,
  'POST /api/accompaniments/:id/assessments': async (c) => ({ body: await assessmentFor(c) }),
  'GET /api/accompaniments/:id/assessments/:assessmentId': async (c) => ({
    params: { assessmentId: await made(c, '/assessments', await assessmentFor(c)) },
  }),
  'PUT /api/accompaniments/:id/assessments/:assessmentId': async (c) => {
    const body = await assessmentFor(c)
    return {
      params: { assessmentId: await made(c, '/assessments', body) },
      body: {
        takenOn: '2026-11-03',
        answers: body === ASSESSMENT ? { housing: { worker: 7, person: 7 } } : { worry: { worker: 7, person: 7 } },
      },
      headers: ifMatch(1),
    }
  },

  'GET /api/accompaniments/:id/plan': none,
  'PUT /api/accompaniments/:id/plan': async (c) => ({ body: PLAN, headers: ifMatch(await currentPlanVersion(c)) }),
  'GET /api/accompaniments/:id/plan/versions': none,
  'GET /api/accompaniments/:id/plan/versions/:version': async (c) => ({ params: { version: String(await savedPlan(c)) } }),

  'GET /api/accompaniments/:id/trajectory': none,
  'POST /api/accompaniments/:id/trajectory': send(EVENT),
  'PUT /api/accompaniments/:id/trajectory/:eventId': async (c) => ({
    params: { eventId: await made(c, '/trajectory', EVENT) },
    body: { ...EVENT, title: 'Première rencontre' },
    headers: ifMatch(1),
  }),
  'DELETE /api/accompaniments/:id/trajectory/:eventId': async (c) => ({
    params: { eventId: await made(c, '/trajectory', EVENT) },
    headers: ifMatch(1),
  }),

  'GET /api/accompaniments/:id/network': none,
  'POST /api/accompaniments/:id/network': send({ takenOn: '2026-11-02', ties: [TIE] }),
  'PUT /api/accompaniments/:id/network/:snapshotId': async (c) => ({
    params: { snapshotId: await made(c, '/network', { takenOn: '2026-11-02', ties: [] }) },
    body: { takenOn: '2026-11-03', ties: [TIE] },
    headers: ifMatch(1),
  }),
  'GET /api/accompaniments/:id/network/compare': async (c) => {
    const from = await made(c, '/network', { takenOn: '2026-10-02', ties: [] })
    const to = await made(c, '/network', { takenOn: '2026-11-02', ties: [TIE] })
    return { query: { from, to } }
  },
}

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`

/** The URL of a route for a case and a prepared request. */
export function urlOf(route: Pick<Route, 'path'>, c: CaseFixture, req: CaseRequest): string {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = name === 'id' ? c.id : req.params?.[name]
    if (value === undefined) throw new Error(`${route.path}: the recipe gives no :${name}`)
    return encodeURIComponent(value)
  })
  const query = req.query ? `?${new URLSearchParams(req.query)}` : ''
  return `${path}${query}`
}

/** Sends a prepared request as this agent. */
export function sendAs(agent: CaseFixture['world']['owner'], route: Route, c: CaseFixture, req: CaseRequest) {
  return agent.request(route.method, urlOf(route, c, req), req.body, req.headers)
}
