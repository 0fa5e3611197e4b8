import crypto from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { formTokenKey, issueFormToken } from '../modules/public-info/public-form.token'
import { codeFor } from '../security/mfa'
import { type Agent, json, TEST_PASSWORD, type TestApp } from '../test/harness'

/**
 * The permission matrix's requests (permissions.api.test.ts): for each route, a request shaped
 * well enough that a permitted caller reaches the handler, so that a 403 can only come from the
 * policy. Kept apart from the test, which then reads as the rules it checks.
 */

/** Objects made before the matrix runs, which the requests name. */
export type MatrixFixture = {
  loginEmail: string
  targetUserId: string
  personId: string
  teamId: string
  accompanimentId: string
  caseCode: string
}

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
export type Caller = Agent & { email?: string }
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
const CONSENT = {
  organisationId: crypto.randomUUID(),
  purpose: 'Matrix',
  basis: 'consent',
  givenBy: 'person',
  givenOn: '2026-11-02',
  how: 'oral',
  scope: [],
  expiresOn: '2027-11-02',
}
const PARTNER = { name: 'Matrix', description: 'Matrix', services: [{ name: 'Matrix', coverage: [{ level: 'national', code: 'BE' }] }] }
const TRAINING = { teamId: crypto.randomUUID(), heldOn: '2026-11-02', audience: 'school', title: 'Matrix', participants: 20, hours: 2 }
const NETWORK_TIE = { name: 'Matrix', kind: 'group', relation: 'community', strength: 2, valence: 'supportive' }

/** The sample request of each route, against this app and its fixture. */
export function matrixRequests(h: TestApp, fixture: MatrixFixture) {
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
      'POST /api/accompaniments/:id/consents': () => CONSENT,
      'POST /api/contacts/:id/consents': () => CONSENT,
      'POST /api/accompaniments/:id/referrals': () => ({ organisationId: crypto.randomUUID(), reason: 'Matrix' }),
      'POST /api/contacts/:id/referrals': () => ({ organisationId: crypto.randomUUID(), reason: 'Matrix' }),
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
      'POST /api/training-sessions': () => TRAINING,
      'PUT /api/training-sessions/:sessionId': () => TRAINING,
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
      'GET /api/training-sessions': `?teamId=${fixture.teamId}`,
      'GET /api/activity-report': `?teamId=${fixture.teamId}&year=2026`,
      'GET /api/activity-report/pdf': `?teamId=${fixture.teamId}&year=2026`,
      'GET /api/activity-report/csv': `?teamId=${fixture.teamId}&year=2026`,
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
  return call
}
