import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SubjectExportDocument } from '../../../common/contracts/dpo-exports.contracts'
import { API_ROUTES } from '../../app'
import { JobRunner } from '../../jobs/jobs.runner'
import { EXPORT_COVERAGE } from '../../security/subject-export'
import { CASE_RECIPES, routeKey, sendAs } from '../../test/case-recipes'
import { type CaseFixture, type CaseWorld, caseWorld } from '../../test/case-world'
import { type Agent, auditRows, DB_KIND, json, startTestApp, type TestApp } from '../../test/harness'
import { dpoExportJob } from './dpo-export.job'
import { unzipStore } from './zip.writer'

let t: TestApp
let w: CaseWorld
let c: CaseFixture
let dpo: Agent & { userId: string }
let requestId: string
const FIRST = 'Françoise'
const LAST = `Lemaître ${crypto.randomBytes(3).toString('hex')}`

const today = () => new Date().toISOString().slice(0, 10)
const runJobs = async () => {
  const runner = new JobRunner(t.services, [dpoExportJob])
  while (await runner.runOnce());
}
async function dpoRequest(kind: string, personId: string | null) {
  const res = await dpo.post('/api/dpo/requests', {
    kind,
    personId,
    requester: 'subject',
    channel: 'letter',
    identityCheck: 'id_document_seen',
    receivedOn: today(),
    details: null,
  })
  expect(res.statusCode, res.body).toBe(201)
  return json(res).id as string
}

/**
 * The fixture: one person with a row in every table that holds personal data, made through the
 * API as the service would (every case route that creates something, by its recipe; a contact
 * linked to them, triaged and edited).
 */
beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_DENIALS_PER_MINUTE: '100000' } })
  w = await caseWorld(t)
  const owner = w.owner
  const person = json(await owner.post('/api/persons', { firstName: FIRST, lastName: LAST, languages: ['fr'] }))
  const created = await owner.post('/api/accompaniments', {
    kind: 'concerned',
    personId: person.id,
    teamId: w.teamA,
    framework: { framework: 'judicial', measure: 'other' },
  })
  expect(created.statusCode, created.body).toBe(201)
  const acc = json(created)
  expect(
    (await w.as.teamLead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: owner.userId, coWorkerIds: [] })).statusCode,
  ).toBe(200)
  expect(
    (await w.as.breakGlass.post(`/api/accompaniments/${acc.id}/break-glass`, { reason: 'Appel urgent de la police locale' })).statusCode,
  ).toBe(200)
  c = { id: acc.id, code: acc.code, personId: person.id, world: w }
  // Every case route that makes a row, as its recipe says.
  const skip = /\/(assign|break-glass|status|closure|reopen)$/
  for (const route of API_ROUTES) {
    if (!/^\/api\/accompaniments\/:id\/[a-z-]+$/.test(route.path) || skip.test(route.path)) continue
    if (route.method !== 'POST' && route.method !== 'PUT') continue
    const recipe = CASE_RECIPES[routeKey(route)]
    if (!recipe) continue
    const res = await sendAs(owner, route, c, await recipe(c))
    expect(res.statusCode, `${routeKey(route)}: ${res.body}`).toBeLessThan(300)
  }
  const noted = await owner.post(`/api/accompaniments/${acc.id}/sessions`, {
    startsAt: '2026-10-05T10:00:00Z',
    modality: 'office',
    status: 'held',
    attendance: 'present',
    notes: 'Évoque sa sœur et ses doutes.',
  })
  expect(noted.statusCode, noted.body).toBe(201)
  const contact = json(
    await w.as.teamLead.post('/api/contacts', {
      channel: 'phone',
      occurredAt: '2026-11-30T09:00:00Z',
      callerKind: 'anonymous',
      summary: 'Appel',
    }),
  )
  const linked = await w.as.teamLead.post(`/api/contacts/${contact.id}/link`, { personId: person.id }, { 'if-match': '"1"' })
  expect(linked.statusCode, linked.body).toBe(200)
  const triaged = await w.as.teamLead.post(`/api/contacts/${contact.id}/triage`, { answers: {} }, { 'if-match': '"2"' })
  expect(triaged.statusCode, triaged.body).toBeLessThan(300)
  dpo = await t.as(['dpo'])
  // The DPO's decisions about the person: a restriction placed then lifted, a legal hold on the case.
  const restrictionRequest = await dpoRequest('restriction', person.id)
  let version = json(await dpo.get(`/api/persons/${person.id}/restriction`)).version
  const restricted = await dpo.post(
    `/api/persons/${person.id}/restriction`,
    { reason: 'Exactitude contestée par la personne', requestId: restrictionRequest },
    { 'if-match': `"${version}"` },
  )
  expect(restricted.statusCode, restricted.body).toBe(201)
  version = json(restricted).version
  const lifted = await dpo.post(
    `/api/persons/${person.id}/restriction/lift`,
    { reason: 'Données vérifiées et corrigées' },
    { 'if-match': `"${version}"` },
  )
  expect(lifted.statusCode, lifted.body).toBe(200)
  const held = await dpo.post('/api/dpo/legal-holds', {
    caseCode: acc.code,
    reason: 'Instruction judiciaire en cours',
    reviewOn: '2027-06-30',
  })
  expect(held.statusCode, held.body).toBeLessThan(300)
  // Proposing an erasure needs every case closed and no mandate running, a flow of its own
  // (erasures.api.test.ts); the row it leaves is ids and dates, written here as the proposal does.
  const erasureRequest = await dpoRequest('erasure', person.id)
  await t.services.db
    .insertInto('erasures')
    .values({
      id: crypto.randomUUID(),
      person_id: person.id,
      request_id: erasureRequest,
      status: 'refused',
      proposed_by: dpo.userId,
      proposed_at: '2026-11-30T10:00:00.000Z',
      decided_by: w.as.teamLead.userId,
      decided_at: '2026-11-30T11:00:00.000Z',
      version: 2,
    })
    .execute()
  requestId = await dpoRequest('access', person.id)
}, 120_000)
afterAll(() => t.close())

describe('who may export', () => {
  it('only the DPO', async () => {
    for (const role of ['worker', 'lead', 'admin'] as const) {
      const other = await t.as([role], { teamIds: [w.teamA] })
      expect((await other.post('/api/dpo/exports', { requestId })).statusCode).toBe(403)
    }
  })
  it('only under an open access or portability request about a person', async () => {
    const rectification = await dpoRequest('rectification', c.personId)
    const wrongKind = await dpo.post('/api/dpo/exports', { requestId: rectification })
    expect(wrongKind.statusCode).toBe(400)
    expect(json(wrongKind).errors[0].field).toBe('requestId')
    const nobody = await dpo.post('/api/dpo/exports', { requestId: await dpoRequest('access', null) })
    expect(nobody.statusCode).toBe(400)
    const unknown = await dpo.post('/api/dpo/exports', { requestId: crypto.randomUUID() })
    expect(unknown.statusCode).toBe(400)
    expect(json(unknown).errors[0].field).toBe('requestId')
  })
})

describe('an export', () => {
  let exportId: string
  let archive: Map<string, Buffer>
  let document: SubjectExportDocument

  it('is made by a job, with progress, sealed at rest, and flags third parties', async () => {
    const started = await dpo.post('/api/dpo/exports', { requestId })
    expect(started.statusCode, started.body).toBe(201)
    exportId = json(started).id
    expect(json(started)).toMatchObject({ state: 'queued', requestId, flagged: [] })
    await runJobs()
    const view = json(await dpo.get(`/api/dpo/exports/${exportId}`))
    expect(view).toMatchObject({ state: 'ready', progress: { done: 4, total: 4 } })
    const spots = view.flagged.map((f: { table: string; field: string }) => `${f.table}.${f.field}`)
    expect(spots).toEqual(expect.arrayContaining(['network_snapshots.ties', 'case_relatives.name', 'case_sessions.notes']))
    expect(JSON.stringify(view)).not.toContain(FIRST)
    expect(json(await dpo.get(`/api/dpo/exports?requestId=${requestId}`)).items.map((e: { id: string }) => e.id)).toEqual([exportId])

    // At rest: the stored archive is ciphertext, and nothing of the person reads in the database.
    const row = await t.services.db
      .selectFrom('dpo_exports')
      .select(['archive', 'archive_key_sealed'])
      .where('id', '=', exportId)
      .executeTakeFirstOrThrow()
    const stored = Buffer.from(row.archive!)
    expect(stored.length).toBeGreaterThan(1000)
    expect(stored.includes(Buffer.from('PK\u0003\u0004', 'latin1'))).toBe(false)
    expect(stored.includes(Buffer.from(FIRST))).toBe(false)
    if (DB_KIND === 'sqlite') {
      const file = t.databaseUrl.replace(/^sqlite:/, '')
      for (const f of [file, `${file}-wal`].filter((p) => fs.existsSync(p))) {
        const bytes = fs.readFileSync(f)
        expect(bytes.includes(Buffer.from(FIRST)), f).toBe(false)
        expect(bytes.includes(Buffer.from(LAST)), f).toBe(false)
      }
    }
    // Embedding and subsetting the fonts of the PDF takes a while on a loaded machine.
  }, 120_000)

  it('is downloaded once, by the DPO, then deleted', async () => {
    const worker = await t.as(['worker'], { teamIds: [w.teamA] })
    expect((await worker.get(`/api/dpo/exports/${exportId}/download`)).statusCode).toBe(403)
    const res = await dpo.get(`/api/dpo/exports/${exportId}/download`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    archive = unzipStore(res.rawPayload)
    document = SubjectExportDocument.parse(JSON.parse(archive.get('export.json')!.toString('utf8')))
    const again = await dpo.get(`/api/dpo/exports/${exportId}/download`)
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe('export.already_downloaded')
    const row = await t.services.db
      .selectFrom('dpo_exports')
      .select(['archive', 'archive_key_sealed', 'downloaded_at'])
      .where('id', '=', exportId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ archive: null, archive_key_sealed: null })
    const me = json(await dpo.get('/api/me')).displayName as string
    const taken = json(await dpo.get(`/api/dpo/exports/${exportId}`))
    expect(taken).toMatchObject({ state: 'downloaded', requestedBy: me, downloadedBy: me })
    expect(taken.requestCode).toMatch(/^[A-Z]+-/)
    // The register of every export says who has a copy, without choosing a request first.
    const register = json(await dpo.get('/api/dpo/exports')).items as { id: string; downloadedBy: string | null }[]
    expect(register.find((e) => e.id === exportId)).toMatchObject({ downloadedBy: me })
    expect((await worker.get('/api/dpo/exports')).statusCode).toBe(403)
  })

  it('holds a row of every table the fixture touched, the documents themselves and who accessed the data', async () => {
    expect(document.person).toMatchObject({ first_name: FIRST, last_name: LAST })
    for (const [table, coverage] of Object.entries(EXPORT_COVERAGE)) {
      if (coverage.covered !== 'exported' || ['persons', 'audit_log', 'audit_persons'].includes(table)) continue
      if (NOT_IN_FIXTURE.includes(table)) continue
      expect(document.sections[table]?.length ?? 0, table).toBeGreaterThan(0)
    }
    const docs = document.sections.documents!
    expect(archive.get(String(docs[0]!.file))!.toString('latin1')).toContain('%PDF-1.4 attestation')
    expect(document.accessLog.some((e) => e.action === 'accompaniment.created' && e.actor === 'Test worker')).toBe(true)
    expect(document.thirdParties.length).toBeGreaterThan(0)
    expect(document.request).toEqual({ id: requestId, kind: 'access' })
  })

  it("holds the DPO's decisions about the person: restrictions and their lifting, legal holds, erasure proposals", () => {
    expect(document.sections.restrictions).toEqual([
      expect.objectContaining({
        reason: 'Exactitude contestée par la personne',
        lift_reason: 'Données vérifiées et corrigées',
        restricted_by: 'Test dpo',
        lifted_at: expect.any(String),
      }),
    ])
    expect(document.sections.legal_holds).toEqual([
      expect.objectContaining({ reason: 'Instruction judiciaire en cours', review_on: '2027-06-30', accompaniment_id: c.id }),
    ])
    expect(document.sections.erasures).toEqual([expect.objectContaining({ status: 'refused', proposed_by: 'Test dpo' })])
    for (const row of [...document.sections.restrictions!, ...document.sections.legal_holds!])
      expect(
        Object.keys(row).some((k) => k.endsWith('_sealed')),
        'sealed columns opened',
      ).toBe(false)
    expect(document.thirdParties).toContainEqual(expect.objectContaining({ table: 'legal_holds', field: 'reason' }))
  })

  it('prints a readable PDF in the person’s language, accents as written', async () => {
    const file = path.join(t.dataDir, `export-${Date.now()}.pdf`)
    fs.writeFileSync(file, archive.get('export.pdf')!)
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain('Vos données chez Parcours')
    expect(text).toContain(FIRST)
    expect(text).toContain('sœur')
    expect(text).toContain('Qui a consulté vos données')
  })

  it('is audited: a read of everything about the person, naming them; the download too', async () => {
    const gathered = (await auditRows(t.services, 'dpo_export.gathered')).filter((e) => e.person_id === c.personId)
    expect(gathered).toHaveLength(1)
    const persons = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', gathered[0]!.seq).execute()
    expect(persons.map((p) => p.person_id)).toContain(c.personId)
    const downloaded = (await auditRows(t.services, 'dpo_export.downloaded')).filter((e) => e.person_id === c.personId)
    expect(downloaded.map((e) => e.actor_id)).toContain(dpo.userId)
    expect(JSON.stringify([...gathered, ...downloaded].map((e) => e.details))).not.toContain(FIRST)
  })
})

/** Tables the fixture does not reach through the API yet (each needs a flow of its own); the coverage test still holds them. */
const NOT_IN_FIXTURE = ['contact_history', 'contact_information_given', 'contact_requests', 'referral_feedback']

describe('coverage', () => {
  it('declares every table that holds personal data, on the real schema', async () => {
    const columns =
      DB_KIND === 'postgres'
        ? (
            await sql<{ table_name: string; column_name: string }>`
              select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(t.services.db)
          ).rows
        : (
            await sql<{ table_name: string; column_name: string }>`
              select m.name as table_name, p.name as column_name from sqlite_master m join pragma_table_info(m.name) p
              where m.type = 'table' and m.name not like 'sqlite_%'`.execute(t.services.db)
          ).rows
    const personal = /(_sealed$|^person_id$|^concerned_person_id$|^key_id$|^accompaniment_id$|^contact_id$|^referral_id$|^client)/
    const tables = [...new Set(columns.filter((c) => personal.test(c.column_name)).map((c) => c.table_name))].sort()
    expect(tables.length).toBeGreaterThan(20)
    const forgotten = tables.filter((name) => !(name in EXPORT_COVERAGE))
    expect(forgotten, 'tables with personal data the export neither exports nor excludes').toEqual([])
  })
})
