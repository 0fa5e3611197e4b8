import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../security/audit.chain'
import { type Instance, startCluster } from '../../test/cluster'
import { type Agent, auditRows, DB_KIND, json, type TestApp } from '../../test/harness'
import { filesUnder, needlesIn, storedBytes } from '../../test/stored-bytes'

/**
 * Erasure by crypto-shredding (issue 13), through the API on two instances of one PostgreSQL
 * database (one on SQLite, whose file one process holds): the two-person rule, the tombstone's
 * 410 on every instance at once, search and lists, statistics, the audit chain, and no trace of
 * the person left in storage.
 */
const COUNT = DB_KIND === 'postgres' ? 2 : 1
let cluster: Awaited<ReturnType<typeof startCluster>>
let h: TestApp
let team: string
let worker: Agent & { userId: string }
let lead: Agent & { userId: string }
let otherLead: Agent & { userId: string }
let dpo: Agent & { userId: string }
let dpo2: Agent & { userId: string }

/** Values that occur nowhere else: found in storage, they can only be a leak. */
const SECRET = {
  firstName: 'Wenceslava',
  lastName: 'Pruszkowicz-Tamarind',
  phone: '+32 471 29 38 47',
  notes: 'Harpsichord lagoon memo',
  session: 'Cinnamon zeppelin session',
  task: 'Marzipan observatory errand',
  document: 'Aubergine periscope dossier',
  request: 'Gooseberry tramway letter',
}
const NEEDLES = [...Object.values(SECRET), '471293847', SECRET.firstName.toUpperCase()]
const leaked = (bytes: Buffer) => needlesIn(bytes, NEEDLES)

beforeAll(async () => {
  cluster = await startCluster(COUNT)
  h = cluster.first
  team = await h.team()
  worker = await h.as(['worker'], { teamIds: [team] })
  lead = await h.as(['lead'], { teamIds: [team] })
  otherLead = await h.as(['lead'], { teamIds: [await h.team()] })
  dpo = await h.as(['dpo'])
  dpo2 = await h.as(['dpo'])
}, 120_000)
afterAll(() => cluster.close())

const node = (i: number) => cluster.instances[i % cluster.instances.length] as Instance
/** The same browser (cookie) sending its next request to another instance. */
function via(i: number, agent: Agent): Agent {
  const moved = node(i).agent()
  moved.cookie = agent.cookie
  return moved
}
const v = (n: number) => ({ 'if-match': `"${n}"` })

/** A person with a case worked on and then closed by the lead (voluntary, or judicial with a mandate ending on `mandateEnd`). */
async function closedCase(first: string, last: string, mandateEnd?: string) {
  const person = json(await worker.post('/api/persons', { firstName: first, lastName: last, phone: SECRET.phone, notes: SECRET.notes }))
  const framework = mandateEnd
    ? { framework: 'judicial', measure: 'probation_condition', mandateStart: '2026-01-05', mandateEnd, reportEveryMonths: 3 }
    : { framework: 'voluntary' }
  const created = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team, framework })
  expect(created.statusCode, created.body).toBe(201)
  const c = json(created)
  const held = await worker.post(`/api/accompaniments/${c.id}/sessions`, {
    status: 'held',
    startsAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    modality: 'office',
    notes: SECRET.session,
  })
  expect(held.statusCode, held.body).toBe(201)
  const task = await worker.post(`/api/accompaniments/${c.id}/tasks`, { title: SECRET.task, dueDate: '2026-12-31' })
  expect(task.statusCode, task.body).toBe(201)
  const doc = await worker.post(`/api/accompaniments/${c.id}/documents`, Buffer.from(`%PDF-1.4 ${SECRET.document}`), {
    'content-type': 'application/pdf',
    'x-filename': 'attestation.pdf',
  })
  expect(doc.statusCode, doc.body).toBe(201)
  return {
    personId: person.id as string,
    personCode: person.code as string,
    caseId: c.id as string,
    caseCode: c.code as string,
    version: c.version as number,
    documentId: json(doc).id as string,
  }
}

/** The stored search keys of the set the secret name makes. */
function setKeys() {
  const { setHash } = h.services.names.personSet({ firstName: SECRET.firstName, lastName: SECRET.lastName, otherNames: [] })
  return h.services.db.selectFrom('name_set_keys').select('key_hash').where('set_hash', '=', setHash).execute()
}

async function close(caseId: string, version: number) {
  const asked = await worker.post(
    `/api/accompaniments/${caseId}/closure`,
    { outcome: 'goals_reached', reason: 'Objectifs atteints' },
    v(version),
  )
  expect(asked.statusCode, asked.body).toBe(200)
  const decided = await lead.post(`/api/accompaniments/${caseId}/closure/decision`, { approve: true }, v(json(asked).version))
  expect(decided.statusCode, decided.body).toBe(200)
}

async function erasureRequest(personId: string, kind = 'erasure', details: string | null = null) {
  const res = await dpo.post('/api/dpo/requests', {
    kind,
    personId,
    requester: 'subject',
    channel: 'letter',
    identityCheck: 'id_document_seen',
    receivedOn: new Date().toISOString().slice(0, 10),
    details,
  })
  expect(res.statusCode, res.body).toBe(201)
  return json(res).id as string
}

/** Every file under the instances' documents folders. */
const documentFiles = () => filesUnder(cluster.instances.map((i) => path.join(i.services.config.dataDir, 'documents')))

describe('proposing an erasure', () => {
  it('is refused while a case is open, then under a running judicial mandate; and needs an open erasure request about the person', async () => {
    const c = await closedCase('Ondine', 'Vasquez-Lumen', '2099-12-31')
    const request = await erasureRequest(c.personId)
    const open = await dpo.post(`/api/persons/${c.personId}/erasure`, { requestId: request })
    expect(open.statusCode).toBe(409)
    expect(json(open)).toMatchObject({ code: 'erasure.case_open' })
    await close(c.caseId, c.version)
    const mandate = await dpo.post(`/api/persons/${c.personId}/erasure`, { requestId: request })
    expect(mandate.statusCode).toBe(409)
    expect(json(mandate)).toMatchObject({ code: 'erasure.mandate_running' })
    const access = await erasureRequest(c.personId, 'access')
    const wrongKind = await dpo.post(`/api/persons/${c.personId}/erasure`, { requestId: access })
    expect(wrongKind.statusCode).toBe(400)
    expect(json(wrongKind).errors[0]).toMatchObject({ field: 'requestId', code: 'request_kind' })
    expect((await lead.post(`/api/persons/${c.personId}/erasure`, { requestId: request })).statusCode).toBe(403)
    expect(await h.services.db.selectFrom('erasures').select('id').where('person_id', '=', c.personId).execute()).toEqual([])
  })

  it('can be refused by the second person: nothing is erased', async () => {
    const c = await closedCase('Ilse', 'Korvenmaa')
    await close(c.caseId, c.version)
    const proposed = await dpo.post(`/api/persons/${c.personId}/erasure`, { requestId: await erasureRequest(c.personId) })
    expect(proposed.statusCode, proposed.body).toBe(201)
    const e = json(proposed)
    expect(e).toMatchObject({ status: 'proposed', personCode: c.personCode, caseCodes: [c.caseCode], mayDecide: false })
    const again = await dpo.post(`/api/persons/${c.personId}/erasure`, { requestId: await erasureRequest(c.personId) })
    expect(again.statusCode).toBe(409)
    // A refusal names its ground (GDPR art. 17(3) / 12(5)), from the list only.
    const bare = await dpo2.post(`/api/erasures/${e.id}/refuse`, {}, v(e.version))
    expect(bare.statusCode).toBe(400)
    expect(json(bare).errors[0]).toMatchObject({ field: 'reason' })
    const invented = await dpo2.post(`/api/erasures/${e.id}/refuse`, { reason: 'Son père a appelé' }, v(e.version))
    expect(invented.statusCode).toBe(400)
    expect(invented.body).not.toContain('père')
    const refused = await dpo2.post(`/api/erasures/${e.id}/refuse`, { reason: 'legal_claims' }, v(e.version))
    expect(refused.statusCode, refused.body).toBe(200)
    expect(json(refused)).toMatchObject({
      status: 'refused',
      decidedBy: { id: dpo2.userId },
      erasedAt: null,
      refusalReason: 'legal_claims',
    })
    const listed = json(await dpo.get('/api/erasures?state=refused'))
    expect(listed.items.find((x: { id: string }) => x.id === e.id)).toMatchObject({ refusalReason: 'legal_claims' })
    const person = await worker.get(`/api/persons/${c.personId}`)
    expect(person.statusCode).toBe(200)
    expect(json(person).firstName).toBe('Ilse')
  })
})

describe('a confirmed erasure', () => {
  let c: Awaited<ReturnType<typeof closedCase>>
  let erasureId: string
  let requestId: string
  let dashboardBefore: unknown
  let factsBefore: unknown[]
  let ciphertexts: string[]
  const facts = () =>
    h.services.db
      .selectFrom('case_progress_facts')
      .selectAll()
      .where('accompaniment_id', '=', c.caseId)
      .orderBy('kind')
      .orderBy('domain')
      .execute()

  beforeAll(async () => {
    c = await closedCase(SECRET.firstName, SECRET.lastName)
    // Their name's set of search keys is stored, and borne by them alone.
    expect(await setKeys()).not.toEqual([])
    for (const [takenOn, score] of [
      ['2026-01-10', 3],
      ['2026-03-10', 6],
    ] as const) {
      const review = await worker.post(`/api/accompaniments/${c.caseId}/assessments`, {
        instrument: 'progress-review',
        takenOn,
        answers: { housing: { worker: score } },
      })
      expect(review.statusCode, review.body).toBe(201)
    }
    factsBefore = await facts()
    await close(c.caseId, c.version)
    const dashboard = await lead.get(`/api/dashboard/caseload?teamId=${team}`)
    expect(dashboard.statusCode, dashboard.body).toBe(200)
    dashboardBefore = json(dashboard)
    const raw = await h.services.db
      .selectFrom('persons')
      .select(['first_name_sealed', 'notes_sealed'])
      .where('id', '=', c.personId)
      .executeTakeFirstOrThrow()
    ciphertexts = [raw.first_name_sealed, raw.notes_sealed as string]
    requestId = await erasureRequest(c.personId, 'erasure', `Lettre signée par la personne : ${SECRET.request}`)
    const proposed = await dpo.post(`/api/persons/${c.personId}/erasure`, { requestId })
    expect(proposed.statusCode, proposed.body).toBe(201)
    erasureId = json(proposed).id
  }, 60_000)

  it('waits for a second person: never the proposer, not a lead of another team, not a worker', async () => {
    const waiting = json(await lead.get('/api/erasures'))
    expect(waiting.items.map((e: { id: string; mayDecide: boolean }) => [e.id, e.mayDecide])).toContainEqual([erasureId, true])
    expect(json(await otherLead.get('/api/erasures')).items).toEqual([])
    expect(json(await dpo.get('/api/erasures')).items.find((e: { id: string }) => e.id === erasureId).mayDecide).toBe(false)
    const self = await dpo.post(`/api/erasures/${erasureId}/confirm`, {}, v(1))
    expect(self.statusCode).toBe(403)
    expect(json(self)).toMatchObject({ code: 'access.second_person_required' })
    expect((await otherLead.post(`/api/erasures/${erasureId}/confirm`, {}, v(1))).statusCode).toBe(404)
    expect((await worker.post(`/api/erasures/${erasureId}/confirm`, {}, v(1))).statusCode).toBe(403)
    expect((await lead.post(`/api/erasures/${erasureId}/confirm`, {})).statusCode).toBe(428)
    expect((await worker.get(`/api/persons/${c.personId}`)).statusCode).toBe(200)
  })

  it('stops every instance at once: the other one, its keys still cached, answers 410 Gone, never a 500 or stale data', async () => {
    // The worker's next requests go to the last instance, which opens (and caches) the keys now.
    const elsewhere = via(COUNT - 1, worker)
    expect((await elsewhere.get(`/api/persons/${c.personId}`)).statusCode).toBe(200)
    expect((await elsewhere.get(`/api/accompaniments/${c.caseId}`)).statusCode).toBe(200)
    expect((await elsewhere.get(`/api/accompaniments/${c.caseId}/sessions`)).statusCode).toBe(200)
    expect(json(await elsewhere.get('/api/accompaniments?limit=100')).items.find((i: { id: string }) => i.id === c.caseId).personName).toBe(
      `${SECRET.firstName} ${SECRET.lastName}`,
    )

    const confirmed = await via(0, lead).post(`/api/erasures/${erasureId}/confirm`, {}, v(1))
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect(json(confirmed)).toMatchObject({ status: 'confirmed', decidedBy: { id: lead.userId }, personCode: c.personCode })
    expect(json(confirmed).erasedAt).toEqual(expect.any(String))

    for (const url of [
      `/api/persons/${c.personId}`,
      `/api/accompaniments/${c.caseId}`,
      `/api/accompaniments/${c.caseId}/sessions`,
      `/api/accompaniments/${c.caseId}/tasks`,
      `/api/accompaniments/${c.caseId}/documents`,
      `/api/accompaniments/${c.caseId}/documents/${c.documentId}`,
      `/api/accompaniments/${c.caseId}/timeline`,
    ]) {
      for (let i = 0; i < COUNT; i++) {
        const res = await via(i, worker).get(url)
        expect([url, res.statusCode]).toEqual([url, 410])
        expect(res.headers['content-type']).toContain('application/problem+json')
        expect(json(res)).toMatchObject({ code: 'resource.erased', status: 410 })
        expect(res.body).not.toContain(SECRET.firstName)
      }
    }
    const edit = await elsewhere.put(`/api/persons/${c.personId}`, { firstName: 'X', lastName: 'Y' }, v(2))
    expect(edit.statusCode).toBe(410)
    // The caseload still counts the case, shown as erased, without a name.
    const listed = json(await elsewhere.get('/api/accompaniments?limit=100')).items.find((i: { id: string }) => i.id === c.caseId)
    expect(listed).toMatchObject({ personName: '', code: c.caseCode })
    expect(listed.erasedAt).toEqual(expect.any(String))
    // A second confirmation changes nothing.
    expect((await dpo2.post(`/api/erasures/${erasureId}/confirm`, {}, v(2))).statusCode).toBe(409)
  })

  it('is gone from every search, by name and by code', async () => {
    for (let i = 0; i < COUNT; i++) {
      const me = via(i, worker)
      const byName = await me.post('/api/persons/search', { q: `${SECRET.firstName} ${SECRET.lastName}` })
      expect(byName.statusCode, byName.body).toBe(200)
      expect(json(byName).items).toEqual([])
      for (const q of [`${SECRET.firstName} ${SECRET.lastName}`, c.personCode, c.caseCode]) {
        const res = await me.post('/api/search', { q })
        expect(res.statusCode, res.body).toBe(200)
        expect(JSON.stringify(json(res))).not.toContain(c.personId)
        expect(JSON.stringify(json(res))).not.toContain(c.caseId)
      }
    }
  })

  it('leaves the statistics as they were', async () => {
    const after = await lead.get(`/api/dashboard/caseload?teamId=${team}`)
    expect(after.statusCode, after.body).toBe(200)
    expect(json(after)).toEqual(dashboardBefore)
    // The progress facts hold codes and numbers only: the indicators count the shell as before.
    expect(factsBefore).toEqual([
      expect.objectContaining({ kind: 'review', domain: 'housing', rater: 'worker', first_value: 3, latest_value: 6 }),
    ])
    expect(await facts()).toEqual(factsBefore)
  })

  it('keeps the audit chain verifiable, and the log holds ids and codes, no personal plaintext', async () => {
    expect(await verifyAudit(h.services.db)).toMatchObject({ ok: true })
    const verified = await dpo.get('/api/audit/verify')
    expect(verified.statusCode, verified.body).toBe(200)
    expect(json(verified)).toMatchObject({ ok: true })
    const rows = await auditRows(h.services)
    const entry = rows.find((r) => r.action === 'erasure.confirmed')
    expect(entry).toMatchObject({ subject_type: 'person', subject_id: c.personId, actor_id: lead.userId })
    expect(leaked(Buffer.from(JSON.stringify(rows)))).toEqual([])
    // The check can fail: a name in an entry would be found.
    expect(leaked(Buffer.from(JSON.stringify([...rows, { details: `x ${SECRET.lastName}` }])))).toEqual([SECRET.lastName])
  })

  it('leaves no name, note or phone in the database, its dump or the documents folder; no key and no ciphertext of theirs', async () => {
    await h.team('Xylophagous control team')
    const stored = await storedBytes(h)
    // A value stored in clear proves the scan sees the data.
    expect(stored.toString('latin1')).toContain('Xylophagous control team')
    expect(leaked(stored)).toEqual([])
    if (DB_KIND === 'postgres') for (const sealed of ciphertexts) expect(stored.toString('latin1')).not.toContain(sealed)
    for (const { file, bytes } of documentFiles()) {
      expect(file).not.toContain(c.documentId)
      expect(leaked(bytes)).toEqual([])
    }
    const db = h.services.db
    expect(await db.selectFrom('person_keys').select('person_id').where('person_id', '=', c.personId).execute()).toEqual([])
    expect(await db.selectFrom('person_name_sets').select('person_id').where('person_id', '=', c.personId).execute()).toEqual([])
    // The keyed hashes of their name went with them: nobody else bore that set.
    expect(await setKeys()).toEqual([])
    expect(await db.selectFrom('document_chunks').select('seq').where('document_id', '=', c.documentId).execute()).toEqual([])
    const person = await db.selectFrom('persons').selectAll().where('id', '=', c.personId).executeTakeFirstOrThrow()
    expect(person).toMatchObject({ code: c.personCode, first_name_sealed: '', notes_sealed: null, phone_sealed: null })
    expect(person.erased_at).toEqual(expect.any(String))
    const session = await db.selectFrom('case_sessions').select('notes_sealed').where('accompaniment_id', '=', c.caseId).execute()
    expect(session).toEqual([{ notes_sealed: null }])
    // The case keeps no age band (ADR 0014): it had one, 'unknown', from its opening.
    expect(await db.selectFrom('accompaniments').select('age_band').where('id', '=', c.caseId).execute()).toEqual([{ age_band: null }])
    const request = await db
      .selectFrom('dpo_requests')
      .select(['details_sealed', 'key_id'])
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow()
    expect(request).toEqual({ details_sealed: null, key_id: c.personId })
  })

  it('leaves the request to the DPO: listed, decided with reasons and closed, its words gone', async () => {
    const listed = json(await dpo.get('/api/dpo/requests?kind=erasure&status=open&limit=100'))
    expect(listed.items.find((r: { id: string }) => r.id === requestId)).toMatchObject({
      person: { id: c.personId, code: c.personCode },
      requester: 'subject',
      identityCheck: 'id_document_seen',
    })
    const shown = await dpo.get(`/api/dpo/requests/${requestId}`)
    expect(shown.statusCode, shown.body).toBe(200)
    expect(json(shown)).toMatchObject({ details: null, status: expect.stringMatching(/received|in_progress/) })
    expect(shown.body).not.toContain(SECRET.request)
    let version = json(shown).version
    const extended = await dpo.post(
      `/api/dpo/requests/${requestId}/extension`,
      {
        extendedTo: new Date(Date.parse(json(shown).dueOn) + 10 * 86_400_000).toISOString().slice(0, 10),
        reason: 'Vérification des copies de sauvegarde',
      },
      v(version),
    )
    expect(extended.statusCode, extended.body).toBe(200)
    version = json(extended).version
    const decided = await dpo.post(
      `/api/dpo/requests/${requestId}/decision`,
      { decision: 'partly_granted', reason: 'Les journaux d’accès sont conservés, sans données en clair' },
      v(version),
    )
    expect(decided.statusCode, decided.body).toBe(200)
    expect(json(decided)).toMatchObject({
      decision: 'partly_granted',
      decisionReason: 'Les journaux d’accès sont conservés, sans données en clair',
      details: null,
    })
    const closed = await dpo.post(
      `/api/dpo/requests/${requestId}/closure`,
      { closedOn: new Date().toISOString().slice(0, 10) },
      v(json(decided).version),
    )
    expect(closed.statusCode, closed.body).toBe(200)
    expect(json(closed)).toMatchObject({ status: 'closed', details: null, extensionReason: 'Vérification des copies de sauvegarde' })
    // The DPO's own words went under a key of the request's own; the person's key stays shredded.
    const db = h.services.db
    expect(await db.selectFrom('dpo_requests').select('key_id').where('id', '=', requestId).executeTakeFirstOrThrow()).toEqual({
      key_id: requestId,
    })
    expect(await db.selectFrom('person_keys').select('person_id').where('person_id', '=', c.personId).execute()).toEqual([])
    expect(leaked(await storedBytes(h))).toEqual([])
  })
})
