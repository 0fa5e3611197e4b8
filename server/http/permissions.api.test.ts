import crypto from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../common/permissions'
import { ROLES, type Role } from '../../common/roles'
import { API_ROUTES } from '../app'
import { webRoutes } from '../modules/web/web.routes'
import { formTokenKey, issueFormToken } from '../modules/public-info/public-form.token'
import { codeFor } from '../security/mfa'
import { type Agent, auditRows, json, startTestApp, TEST_PASSWORD, type TestApp } from '../test/harness'
import { MATRIX } from './permissions-matrix.fixture'

/** The answers that mean "the policy stopped you" rather than "the handler answered". */
const POLICY_CODES = ['auth.required', 'auth.mfa_required', 'auth.mfa_enrolment_required', 'access.forbidden', 'csrf.rejected']

let h: TestApp
const STUDY = {
  teamId: crypto.randomUUID(),
  title: 'Matrix',
  question: 'Matrix',
  protocol: 'Matrix',
  approvingBody: 'Matrix',
  approvalReference: 'M-1',
  startsOn: '2026-12-01',
  endsOn: '2027-06-30',
  variables: ['age_band'],
}
const DPO_REQUEST = { kind: 'access', requester: 'subject', channel: 'letter', identityCheck: 'id_document_seen', receivedOn: '2026-11-30' }
const fixture = { loginEmail: '', targetUserId: '', personId: '', teamId: '', accompanimentId: '', caseCode: '' }

beforeAll(async () => {
  h = await startTestApp()
  fixture.loginEmail = (await h.user(['worker'])).email
  fixture.targetUserId = (await h.user(['researcher'])).id
  const owner = await h.as(['worker'])
  fixture.personId = json(await owner.post('/api/persons', { firstName: 'Matrix', lastName: 'Fixture' })).id
  fixture.teamId = await h.team()
  const acc = json(await owner.post('/api/accompaniments', { kind: 'concerned', personId: fixture.personId, teamId: fixture.teamId }))
  fixture.accompanimentId = acc.id
  // A case the DPO can hold by its code: opened by a worker of its team.
  const member = await h.as(['worker'], { teamIds: [fixture.teamId] })
  const client = json(await member.post('/api/persons', { firstName: 'Matrix', lastName: 'Held' }))
  const held = await member.post('/api/accompaniments', { kind: 'concerned', personId: client.id, teamId: fixture.teamId })
  expect(held.statusCode, held.body).toBe(201)
  fixture.caseCode = json(held).code
})
afterAll(() => h?.close())

const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`
const ALL_ROUTES = [...API_ROUTES, ...webRoutes(null)]

type Caller = Agent & { email?: string }
const L = (text: string) => ({ fr: text, nl: text, de: text, en: text })
const INSTRUMENT = {
  title: L('Matrix'),
  sections: [{ key: 's', title: L('S'), items: [{ key: 'i', type: 'scale', label: L('I'), perspectives: ['worker'] }] }],
}
const CONTACT = { channel: 'phone', occurredAt: '2026-11-30T09:00:00Z', callerKind: 'anonymous' }
const EXCEPTION = {
  situation: 'Matrix',
  legalBasisId: '7f0c1a52-0001-4d2e-9a00-000000000001',
  recipientKind: 'police',
  recipientName: 'Matrix',
  disclosed: 'Matrix',
  disclosedAt: '2026-11-30T10:00:00Z',
}
const PARTNER = { name: 'Matrix', description: 'Matrix', services: [{ name: 'Matrix', coverage: [{ level: 'national', code: 'BE' }] }] }
const NETWORK_TIE = { name: 'Matrix', kind: 'group', relation: 'community', strength: 2, valence: 'supportive' }

/** A valid-shaped request for each route, so that a permitted caller reaches the handler. */
async function call(key: string, agent: Caller, allowed = false): Promise<LightMyRequestResponse> {
  const [method, pattern] = key.split(' ') as [string, string]
  const id = pattern.startsWith('/api/users/')
    ? fixture.targetUserId
    : pattern.startsWith('/api/persons/')
      ? fixture.personId
      : pattern.startsWith('/api/accompaniments/')
        ? fixture.accompanimentId
        : crypto.randomUUID()
  const url = pattern
    .replace(':id', id)
    .replace(':sessionId', crypto.randomUUID())
    .replace(':documentId', crypto.randomUUID())
    .replace(':reportId', crypto.randomUUID())
    .replace(':snapshotId', crypto.randomUUID())
    .replace(':eventId', crypto.randomUUID())
    .replace(':version', '1')
    .replace(':code', 'motivations')
    .replace(':kind', 'case_voluntary')
    .replace(':language', 'nl')
    .replace(':lang', 'nl')
    .replace(':date', '2026-12-07')
    .replace(':half', 'am')
    .replace(':file', `${'A'.repeat(43)}.ics`)
    .replace(':format', 'csv')
    // Any other parameter names an object that does not exist; the policy is checked before that matters.
    .replace(/:(?!id\b)\w+/g, () => crypto.randomUUID())
    .replace('/*', '/some/client/route')
  const unique = crypto.randomBytes(4).toString('hex')
  const bodies: Record<string, () => Promise<unknown> | unknown> = {
    'POST /api/auth/login': () => ({ email: agent.email ?? fixture.loginEmail, password: TEST_PASSWORD }),
    'POST /api/auth/activate': () => ({ token: 'x'.repeat(32), password: 'a brand new passphrase 2026' }),
    'POST /api/auth/mfa/verify': () => ({ code: '123456' }),
    'POST /api/me/password': () => ({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase 2026' }),
    'POST /api/me/mfa/confirm': async () => {
      // A permitted caller enrols first, so that the confirmation can succeed.
      const enrol = await agent.post('/api/me/mfa/enrol')
      return { code: enrol.statusCode === 200 ? codeFor(json(enrol).secret) : '123456' }
    },
    'POST /api/users': () => ({ email: `new-${unique}@test.parcours.test`, displayName: 'New user', roles: ['worker'] }),
    'PATCH /api/users/:id': () => ({ displayName: `Renamed ${unique}` }),
    'POST /api/role-requests/:id/refuse': () => ({ reason: 'Matrix' }),
    'POST /api/teams': () => ({ name: `Team ${unique}` }),
    'POST /api/persons/search': () => ({ q: 'Matrix Fixture' }),
    'POST /api/search': () => ({ q: 'Matrix Fixture' }),
    'POST /api/persons': () => ({ firstName: 'Matrix', lastName: `Person ${unique}` }),
    'PUT /api/persons/:id': () => ({ firstName: 'Matrix', lastName: 'Fixture' }),
    'POST /api/persons/:id/restriction': () => ({ reason: 'Matrix' }),
    'POST /api/persons/:id/restriction/lift': () => ({ reason: 'Matrix' }),
    'POST /api/restrictions/lookup': () => ({ code: 'P-MATRIX' }),
    // A permitted caller opens a case for a person they registered; a refused one never gets that far.
    'POST /api/accompaniments': async () => ({
      kind: 'concerned',
      teamId: fixture.teamId,
      personId: allowed
        ? json(await agent.post('/api/persons', { firstName: 'Matrix', lastName: `Client ${unique}` })).id
        : fixture.personId,
    }),
    'POST /api/accompaniments/:id/assign': () => ({ primaryWorkerId: crypto.randomUUID() }),
    'POST /api/accompaniments/:id/break-glass': () => ({ reason: 'Permanence téléphonique: appel urgent de la famille' }),
    'POST /api/accompaniments/:id/status': () => ({ to: 'suspended' }),
    'PUT /api/accompaniments/:id': () => ({ summary: 'Matrix', framework: { framework: 'voluntary' } }),
    'POST /api/accompaniments/:id/closure': () => ({ outcome: 'other', reason: 'Matrix' }),
    'POST /api/accompaniments/:id/closure/decision': () => ({ approve: true }),
    'POST /api/accompaniments/:id/reopen': () => ({ reason: 'Matrix' }),
    'POST /api/accompaniments/:id/tasks': () => ({ title: 'Matrix', dueDate: '2026-12-01' }),
    'POST /api/accompaniments/:id/tasks/:taskId/status': () => ({ status: 'done' }),
    'POST /api/accompaniments/:id/documents': () => Buffer.from('%PDF-1.4 matrix'),
    'POST /api/accompaniments/:id/reports': () => ({
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
      engagement: 'active',
      recipient: 'Maison de justice',
    }),
    'POST /api/accompaniments/:id/relatives': () => ({
      name: 'Matrix',
      relationship: 'parent',
      involvement: 'informed',
      consent: 'not_asked',
    }),
    'PUT /api/accompaniments/:id/relatives/:relativeId': () => ({
      name: 'Matrix',
      relationship: 'parent',
      involvement: 'informed',
      consent: 'not_asked',
    }),
    'POST /api/accompaniments/:id/network': () => ({ takenOn: '2026-11-02', ties: [NETWORK_TIE] }),
    'PUT /api/accompaniments/:id/network/:snapshotId': () => ({ takenOn: '2026-11-02', ties: [NETWORK_TIE] }),
    'PUT /api/accompaniments/:id/plan': () => ({ goals: [{ domain: 'housing', title: 'Matrix', steps: [] }] }),
    'POST /api/accompaniments/:id/trajectory': () => ({ precision: 'year', date: '2019', phase: 'before', title: 'Matrix' }),
    'PUT /api/accompaniments/:id/trajectory/:eventId': () => ({ precision: 'year', date: '2019', phase: 'before', title: 'Matrix' }),
    'POST /api/instruments': () => ({ code: `matrix-${unique}`, definition: INSTRUMENT }),
    'PUT /api/duty/hours': () => ({ weekly: [], exceptions: [] }),
    'POST /api/duty/triage': () => ({ answers: { urgency: { worker: 'within_48h' } } }),
    'PUT /api/duty/rota/:date/:half': () => ({ userId: null }),
    'PUT /api/duty/emergency-path': () => ({ steps: [{ kind: 'note', callee: null, phone: null, text: L('Matrix') }] }),
    'POST /api/accompaniments/:id/exceptions': () => EXCEPTION,
    'POST /api/exceptions': () => ({ ...EXCEPTION, contactId: crypto.randomUUID() }),
    'PUT /api/exceptions/:exceptionId': () => EXCEPTION,
    'POST /api/exceptions/:exceptionId/decision': () => ({ decision: 'validated' }),
    'POST /api/accompaniments/:id/consents': () => ({
      organisationId: crypto.randomUUID(),
      purpose: 'Matrix',
      basis: 'consent',
      givenBy: 'person',
      givenOn: '2026-11-02',
      how: 'oral',
      scope: [],
      expiresOn: '2027-11-02',
    }),
    'POST /api/accompaniments/:id/referrals': () => ({ organisationId: crypto.randomUUID(), reason: 'Matrix' }),
    'PUT /api/referrals/:referralId': () => ({ organisationId: crypto.randomUUID(), reason: 'Matrix' }),
    'POST /api/referrals/:referralId/send': () => ({ consentId: crypto.randomUUID() }),
    'POST /api/referrals/:referralId/feedback': () => ({ note: 'Matrix' }),
    'POST /api/partner/referrals/:referralId/decline': () => ({ reasonCode: 'other', reason: 'Matrix' }),
    'POST /api/partner/referrals/:referralId/complete': () => ({ outcome: { need: 'met', person: 'stayed' } }),
    'POST /api/partner/referrals/:referralId/feedback': () => ({ note: 'Matrix' }),
    'PUT /api/partner/organisation/profile': () => ({ description: 'Matrix', services: [] }),
    'PUT /api/me/language': () => ({ language: 'nl' }),
    'PUT /api/me/notification-preferences': () => ({ items: [{ event: 'referral_accepted', inApp: true, email: false }] }),
    'PUT /api/me/privacy-screen': () => ({ masked: true }),
    'PUT /api/accompaniments/:id/tasks/:taskId': () => ({
      title: 'Matrix',
      dueDate: '2026-12-01',
      dueTime: null,
      assigneeId: crypto.randomUUID(),
    }),
    'PATCH /api/accompaniments/:id/documents/:documentId': () => ({ category: 'other' }),
    'POST /api/legal-bases': () => ({ code: `matrix-${unique}`, label: L('Matrix'), reference: 'Matrix', active: true }),
    'PUT /api/legal-bases/:basisId': () => ({ code: `matrix-${unique}`, label: L('Matrix'), reference: 'Matrix', active: true }),
    'PUT /api/processing-register': () => ({ controller: {}, dpo: {}, purposes: {} }),
    'POST /api/breaches': () => ({ discoveredAt: '2026-11-02T10:00:00Z', nature: ['availability'], description: 'Matrix' }),
    'PUT /api/breaches/:breachId': () => ({ discoveredAt: '2026-11-02T10:00:00Z', nature: ['availability'], description: 'Matrix' }),
    'POST /api/studies': () => STUDY,
    'PUT /api/studies/:studyId': () => STUDY,
    'POST /api/studies/:studyId/decision': () => ({ decision: 'approved', note: 'Matrix' }),
    'POST /api/studies/:studyId/extracts': () => ({ language: 'fr' }),
    'POST /api/instruments/:code/versions': () => ({ definition: INSTRUMENT }),
    'POST /api/practice-notes': () => ({ title: 'Matrix', body: 'Matrix', themes: ['tools'] }),
    'PUT /api/practice-notes/:noteId': () => ({ title: 'Matrix', body: 'Matrix', themes: ['tools'] }),
    'POST /api/practice-notes/:noteId/comments': () => ({ body: 'Matrix' }),
    // Motivations keep their default kind: the assessment routes below record motivations on a concerned case.
    'PUT /api/instruments/:code/client-kinds': () => ({ clientKinds: ['concerned'] }),
    'POST /api/sheets': () => ({
      code: `matrix-${unique}`,
      kind: 'general',
      audiences: ['parents'],
      themes: [],
      public: false,
      language: 'fr',
      text: { title: 'Matrix', body: 'Matrix' },
    }),
    'PUT /api/sheets/:id': () => ({ kind: 'general', audiences: ['parents'], themes: [], public: false }),
    'PUT /api/sheets/:id/texts/:language': () => ({ title: 'Matrix', body: 'Matrix' }),
    'POST /api/accompaniments/:id/assessments': () => ({ instrument: 'motivations', takenOn: '2026-11-02', answers: {} }),
    'PUT /api/accompaniments/:id/assessments/:assessmentId': () => ({ takenOn: '2026-11-02', answers: {} }),
    'POST /api/accompaniments/:id/sessions': () => ({ startsAt: '2026-12-01T10:00:00+01:00', modality: 'office' }),
    'POST /api/contacts': () => CONTACT,
    'PUT /api/contacts/:id': () => CONTACT,
    'POST /api/contacts/repeat-caller': () => ({ phone: '0470 12 34 56' }),
    'POST /api/contacts/:id/link': () => ({ personId: fixture.personId }),
    'POST /api/contacts/:id/callback': () => ({ dueDate: '2026-12-03' }),
    'POST /api/contacts/:id/triage': () => ({ answers: {} }),
    'POST /api/contacts/:id/information-given': () => ({ sheetId: crypto.randomUUID(), language: 'fr', how: 'email' }),
    'POST /api/contact-themes': () => ({ code: `matrix_${unique}`, labels: L('Matrix'), position: 1 }),
    'PUT /api/contact-themes/:code': () => ({ labels: L('Matrix'), active: true, position: 1 }),
    'POST /info/contact': () => ({ callerKind: 'relative', mode: 'anonymous', message: 'Matrix' }),
    'POST /api/partners': () => PARTNER,
    'PUT /api/partners/:id': () => PARTNER,
    'POST /api/partners/hsds': () => [],
    'POST /api/need-categories': () => ({ code: `matrix_${unique}`, labels: L('Matrix'), position: 1 }),
    'PUT /api/need-categories/:code': () => ({ labels: L('Matrix'), active: true, position: 1 }),
    'POST /api/public/contact-requests': () => ({
      token: issueFormToken(formTokenKey(h.services.auditKey), Date.now() - 10_000),
      callerKind: 'relative',
      anonymous: true,
      message: 'Matrix',
    }),
    'POST /api/contact-requests/:id/decision': () => ({ state: 'dismissed' }),
    'POST /api/audit/access-review/readers': () => ({ from: '2026-11-01', to: '2026-11-30', personId: fixture.personId }),
    // The DPO exports under an open access request about a person; others are refused before the body matters.
    'POST /api/dpo/exports': async () => {
      if (!allowed) return { requestId: crypto.randomUUID() }
      const asked = await agent.post('/api/dpo/requests', {
        kind: 'access',
        personId: fixture.personId,
        requester: 'subject',
        channel: 'letter',
        identityCheck: 'id_document_seen',
        receivedOn: '2026-11-30',
      })
      return { requestId: asked.statusCode === 201 ? json(asked).id : crypto.randomUUID() }
    },
    // Issue 13: the DPO's registers. A request about the fixture's person (its case is open, so an
    // erasure is then refused by the handler, after the policy and the shape were checked).
    'POST /api/dpo/requests': () => ({ ...DPO_REQUEST, personId: fixture.personId }),
    'PATCH /api/dpo/requests/:requestId': () => ({ channel: 'email' }),
    'POST /api/dpo/requests/:requestId/extension': () => ({ extendedTo: '2027-01-31', reason: 'Matrix' }),
    'POST /api/dpo/requests/:requestId/decision': () => ({ decision: 'granted' }),
    'POST /api/dpo/requests/:requestId/closure': () => ({ closedOn: '2026-11-30' }),
    'POST /api/dpo/person-lookup': () => ({ code: 'P-0000-0000' }),
    'PUT /api/dpo/retention/schedules/:kind': () => ({ months: 120, legalReason: 'Matrix' }),
    'POST /api/dpo/legal-holds': () => ({ caseCode: fixture.caseCode, reason: 'Matrix', reviewOn: '2027-06-30' }),
    'POST /api/dpo/legal-holds/:holdId/lift': () => ({ reason: 'Matrix' }),
    'POST /api/persons/:id/erasure': async () => {
      if (!allowed) return { requestId: crypto.randomUUID() }
      const asked = await agent.post('/api/dpo/requests', { ...DPO_REQUEST, kind: 'erasure', personId: fixture.personId })
      return { requestId: asked.statusCode === 201 ? json(asked).id : crypto.randomUUID() }
    },
    'POST /api/erasures/:id/refuse': () => ({ reason: 'proposal_error' }),
    'PUT /api/accompaniments/:id/sessions/:sessionId': () => ({
      startsAt: '2026-12-01T10:00:00+01:00',
      modality: 'office',
      status: 'held',
    }),
  }
  const query: Record<string, string> = {
    'GET /api/postcodes': '?q=1000',
    'GET /api/audit': '?limit=5',
    'GET /api/dpo/exports': `?requestId=${crypto.randomUUID()}`,
    'GET /api/calendar': '?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z',
    'GET /api/dashboard/caseload': `?teamId=${fixture.teamId}`,
    'GET /api/indicators': `?teamId=${fixture.teamId}&from=2026-01-01&to=2026-12-31`,
    'GET /api/duty/rota': '?from=2026-12-01&to=2026-12-07',
    'GET /api/audit/access-review': '?from=2026-11-01&to=2026-11-30',
    'GET /api/audit/access-review/users/:id': '?from=2026-11-01&to=2026-11-30',
    'GET /api/accompaniments/:id/network/compare': `?from=${crypto.randomUUID()}&to=${crypto.randomUUID()}`,
  }
  const headers: Record<string, string> = method === 'PUT' || method === 'PATCH' ? { 'if-match': '"1"' } : {}
  if (key === 'POST /api/accompaniments/:id/documents')
    Object.assign(headers, { 'content-type': 'application/pdf', 'x-filename': 'matrix.pdf' })
  const body = method === 'GET' ? undefined : ((await bodies[key]?.()) ?? {})
  return agent.request(method as 'GET', url + (query[key] ?? ''), body, headers)
}

/** The answer's problem (or other JSON); an HTML page (the public page and its form) has no code. */
const problemOf = (res: LightMyRequestResponse): { code?: string } =>
  res.body && String(res.headers['content-type']).includes('json') ? res.json() : {}

/** Every route Fastify actually registered, read back from its router. */
function registeredRoutes(): string[] {
  const out: string[] = []
  const stack: string[] = []
  for (const line of h.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│├└─\s]*)(\S+)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!m) continue
    const depth = Math.floor((m[1] as string).length / 4)
    const full = (stack[depth - 1] ?? '') + (m[2] as string)
    stack[depth] = full
    stack.length = depth + 1
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) out.push(`${method} ${full.startsWith('/') ? full : `/${full}`}`)
  }
  return out.sort()
}

describe('the permission matrix', () => {
  it('names exactly the routes that exist, each with a policy from the vocabulary', () => {
    const keys = ALL_ROUTES.map(routeKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect([...keys].sort()).toEqual(Object.keys(MATRIX).sort())
    // Public GET routes also answer HEAD (register.ts); no other route does.
    const heads = Object.entries(MATRIX)
      .filter(([key, who]) => key.startsWith('GET ') && who === 'public')
      .map(([key]) => key.replace(/^GET /, 'HEAD '))
    expect(registeredRoutes()).toEqual([...Object.keys(MATRIX), ...heads].sort())
    const vocabulary = [...Object.keys(PERMISSIONS), 'public', 'authenticated']
    for (const r of ALL_ROUTES) {
      expect(r.allow, routeKey(r)).toBeTruthy()
      expect(vocabulary, routeKey(r)).toContain(r.allow)
    }
  })

  it('agrees with each route policy and the permissions table', () => {
    for (const r of ALL_ROUTES) {
      const who = MATRIX[routeKey(r)]
      if (r.allow === 'public' || r.allow === 'authenticated') expect(who, routeKey(r)).toBe(r.allow)
      else expect([...(PERMISSIONS[r.allow] as readonly string[])].sort(), routeKey(r)).toEqual([...(who as readonly Role[])].sort())
    }
  })

  describe.each(Object.entries(MATRIX))('%s', (key, who) => {
    it('is refused to anonymous callers unless public', async () => {
      const res = await call(key, h.agent())
      if (who === 'public') {
        expect(POLICY_CODES).not.toContain(problemOf(res).code)
        expect([401, 403]).not.toContain(res.statusCode)
      } else {
        expect(res.statusCode).toBe(401)
        expect(res.json().code).toBe('auth.required')
      }
    })

    it.each(ROLES)('as %s: passes the policy exactly when the role is listed', async (role) => {
      const agent = await h.as([role])
      const allowed = who === 'public' || who === 'authenticated' || who.includes(role)
      const res = await call(key, agent, allowed)
      if (allowed) {
        const body = problemOf(res)
        expect(POLICY_CODES, `${res.statusCode} ${res.body}`).not.toContain(body.code)
        expect([401, 403], `${res.statusCode} ${res.body}`).not.toContain(res.statusCode)
        expect(body.code, `the request shape must be valid: ${res.body}`).not.toBe('validation.failed')
        expect(res.statusCode).toBeLessThan(500)
        return
      }
      expect(res.statusCode, res.body).toBe(403)
      expect(res.json().code).toBe('access.forbidden')
      const denied = (await auditRows(h.services, 'access.denied')).filter((r) => r.actor_id === agent.userId)
      expect(denied).toHaveLength(1)
      expect(denied[0]?.outcome).toBe('denied')
      expect(denied[0]?.request_id).toBe(res.headers['x-request-id'])
      expect(JSON.parse(denied[0]?.details ?? '{}')).toMatchObject({ route: key })
      // Refused before the handler: nothing else is written for this caller.
      const others = (await auditRows(h.services)).filter((r) => r.actor_id === agent.userId && r.action !== 'auth.login')
      expect(others.map((r) => r.action)).toEqual(['access.denied'])
    })
  })

  it('lets a caller with several roles act under the role that grants the permission', async () => {
    const agent = await h.as(['researcher', 'worker'])
    const res = await agent.post('/api/persons', { firstName: 'Multi', lastName: 'Role' })
    expect(res.statusCode).toBe(201)
    const [entry] = (await auditRows(h.services, 'person.created')).filter((r) => r.subject_id === json(res).id)
    expect(entry?.actor_role).toBe('worker')
  })

  it('keeps a half-open (MFA pending) session away from everything but its next step', async () => {
    const secret = 'JBSWY3DPEHPK3PXP'
    const u = await h.user(['admin', 'dpo', 'worker'], { mfaSecret: secret })
    const agent = h.agent()
    expect(json(await agent.post('/api/auth/login', { email: u.email, password: u.password })).status).toBe('mfa_required')
    for (const key of Object.keys(MATRIX)) {
      const who = MATRIX[key]
      if (who === 'public' || ['POST /api/auth/mfa/verify', 'POST /api/auth/logout', 'GET /api/me'].includes(key)) continue
      const res = await call(key, agent)
      expect(res.statusCode, key).toBe(401)
      expect(res.json().code, key).toBe('auth.mfa_required')
    }
    expect((await agent.post('/api/auth/mfa/verify', { code: codeFor(secret) })).statusCode).toBe(200)
    expect((await agent.get('/api/users')).statusCode).toBe(200)
  })
})
