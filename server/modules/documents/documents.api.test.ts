import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, DB_KIND, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let worker: Agent & { userId: string }
let outsider: Agent & { userId: string }
let caseId: string
let salma: string

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Rapport confidentiel Zéphyrine\n%%EOF\n')
/** A real 1×1 grey PNG: file-type reads its chunks, not only its signature. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64')

beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_DOCUMENT_MAX_MB: '0.01', PARCOURS_DOCUMENT_TYPES: 'pdf,png,jpeg,txt' } })
  const team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
  const person = json(await worker.post('/api/persons', { firstName: 'Salma', lastName: 'Ouali' }))
  salma = person.id
  caseId = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id
})
afterAll(() => t.close())

const upload = (agent: Agent, bytes: Buffer, type: string, name = 'rapport.pdf') =>
  agent.post(`/api/accompaniments/${caseId}/documents`, bytes, { 'content-type': type, 'x-filename': encodeURIComponent(name) })

it('stores a document encrypted and gives it back, byte for byte, with a safe file name', async () => {
  const res = await upload(worker, PDF, 'application/pdf', 'Rapport "final"\r\nSalma Ouali.pdf')
  expect(res.statusCode, res.body).toBe(201)
  const doc = json(res)
  // Line breaks are no part of a file name: each run becomes a space.
  expect(doc).toMatchObject({ contentType: 'application/pdf', size: PDF.length, filename: 'Rapport "final" Salma Ouali.pdf' })
  // On disk beside SQLite; in the database on PostgreSQL, where every instance sees it (ADR 0008).
  const stored =
    DB_KIND === 'sqlite'
      ? fs.readFileSync(path.join(t.dataDir, 'documents', caseId, `${doc.id}.bin`))
      : Buffer.concat(
          (
            await t.services.db.selectFrom('document_chunks').select('sealed').where('document_id', '=', doc.id).orderBy('seq').execute()
          ).map((r) => r.sealed),
        )
  expect(stored.length).toBeGreaterThan(PDF.length)
  expect(stored.includes(Buffer.from('Zéphyrine'))).toBe(false)
  expect(stored.includes(Buffer.from('%PDF'))).toBe(false)

  const down = await worker.get(`/api/accompaniments/${caseId}/documents/${doc.id}`)
  expect(down.statusCode).toBe(200)
  expect(down.rawPayload.equals(PDF)).toBe(true)
  expect(down.headers['content-type']).toBe('application/pdf')
  const disposition = String(down.headers['content-disposition'])
  expect(disposition).toMatch(/^attachment; filename="Rapport _final_ Salma Ouali.pdf"; filename\*=UTF-8''/)
  expect(disposition).not.toMatch(/[\r\n]/)
  const audited = (await auditRows(t.services, 'document.downloaded')).filter((r) => r.subject_id === doc.id)
  expect(audited).toHaveLength(1)
  expect(json(await worker.get(`/api/accompaniments/${caseId}/documents`)).items.map((d: { id: string }) => d.id)).toContain(doc.id)
})

it('refuses a type that is not allowed, content that does not match its type, and files over the limit', async () => {
  const docx = await upload(
    worker,
    Buffer.from('PK\x03\x04 word/'),
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'a.docx',
  )
  expect(json(docx).errors[0]).toMatchObject({ field: 'file', code: 'type_not_allowed' })
  const disguised = await upload(worker, PNG, 'application/pdf', 'photo.pdf')
  expect(json(disguised).errors[0]).toMatchObject({ field: 'file', code: 'content_mismatch' })
  const binaryText = await upload(worker, Buffer.from([0x61, 0x00, 0x62]), 'text/plain', 'a.txt')
  expect(json(binaryText).errors[0].code).toBe('content_mismatch')
  const big = await upload(worker, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(20_000, 0x20)]), 'application/pdf')
  expect(big.statusCode).toBe(413)
  expect(json(big).code).toBe('payload.too_large')
  expect(json(await upload(worker, PNG, 'image/png', 'photo.png')).contentType).toBe('image/png')
  expect(
    json(await worker.get(`/api/accompaniments/${caseId}/documents`)).items.map((d: { contentType: string }) => d.contentType),
  ).not.toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
})

it('tells each accepted type by its content (file-type), whatever is declared', async () => {
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 0)])
  const ZIP = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60, 0)])
  const accepted = [
    { bytes: PDF, type: 'application/pdf', name: 'a.pdf' },
    { bytes: PNG, type: 'image/png', name: 'a.png' },
    { bytes: JPEG, type: 'image/jpeg', name: 'a.jpeg' },
    { bytes: Buffer.from('Compte rendu — sœur, Łódź, Ђорђевић…\n'), type: 'text/plain', name: 'a.txt' },
  ]
  for (const { bytes, type, name } of accepted) {
    const res = await upload(worker, bytes, type, name)
    expect(res.statusCode, `${type}: ${res.body}`).toBe(201)
    expect(json(res)).toMatchObject({ contentType: type, filename: name, size: bytes.length })
    expect((await worker.get(`/api/accompaniments/${caseId}/documents/${json(res).id}`)).rawPayload.equals(bytes)).toBe(true)
  }
  // Every accepted type declared as every other: refused, the content being what it is.
  for (const a of accepted)
    for (const b of accepted.filter((x) => x.type !== a.type)) {
      const res = await upload(worker, a.bytes, b.type, b.name)
      expect(res.statusCode, `${a.type} as ${b.type}`).toBe(400)
      expect(json(res).errors[0]).toMatchObject({ field: 'file', code: 'content_mismatch' })
    }
  // Only a signature, or text that file-type finds to be something else (a zip, a PNG head).
  for (const [bytes, type] of [
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 1, 1, 1]), 'image/png'],
    [ZIP, 'text/plain'],
    [Buffer.from('\xef\xbb\xbf%PDF-1.4 hidden', 'latin1'), 'text/plain'],
  ] as const) {
    const res = await upload(worker, bytes, type, 'x')
    expect(json(res).errors?.[0], type).toMatchObject({ field: 'file', code: 'content_mismatch' })
  }
})

it('names a document after its real type, without direction or control characters (pen-test)', async () => {
  const named = async (name: string, bytes = PDF, type = 'application/pdf') => {
    const res = await upload(worker, bytes, type, name)
    expect(res.statusCode, res.body).toBe(201)
    return json(res) as { id: string; filename: string }
  }
  // The extension typed is kept only when it is the real type's; otherwise the real one follows it.
  expect((await named('x.html')).filename).toBe('x.html.pdf')
  expect((await named('Convocation.PDF')).filename).toBe('Convocation.PDF')
  expect((await named('sans extension')).filename).toBe('sans extension.pdf')
  expect((await named('photo.jpg', PNG, 'image/png')).filename).toBe('photo.jpg.png')
  // A right-to-left override would show "facture\u202Efdp.exe" as "factureexe.pdf".
  const spoofed = await named('facture\u202Efdp.exe')
  expect(spoofed.filename).toBe('facturefdp.exe.pdf')
  for (const mark of ['\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069'])
    expect((await named(`a${mark}b.pdf`)).filename).toBe('ab.pdf')
  // NUL itself never gets this far: every text field refuses it (400, http/hostile-input.api.test.ts).
  expect((await named('bell\u0007\u007f\u009b.pdf')).filename).toBe('bell.pdf')
  expect((await named('\u202E\u0007')).filename).toBe('document.pdf')
  const down = await worker.get(`/api/accompaniments/${caseId}/documents/${spoofed.id}`)
  expect(String(down.headers['content-disposition'])).toBe(`attachment; filename="facturefdp.exe.pdf"; filename*=UTF-8''facturefdp.exe.pdf`)
})

it('applies the same rule on download to names stored before it', async () => {
  const doc = json(await upload(worker, PDF, 'application/pdf', 'avant.pdf'))
  // The name as an earlier version stored it, sealed like any other.
  const key = await t.services.codec.personKey(t.services.db, salma)
  const sealed = t.services.codec.sealRow('documents', key, doc.id, { filename: 'facture\u202Efdp.html' })
  await t.services.db
    .updateTable('documents')
    .set({ filename_sealed: sealed.filename_sealed as string })
    .where('id', '=', doc.id)
    .execute()
  const down = await worker.get(`/api/accompaniments/${caseId}/documents/${doc.id}`)
  expect(down.statusCode).toBe(200)
  expect(String(down.headers['content-disposition'])).toBe(
    `attachment; filename="facturefdp.html.pdf"; filename*=UTF-8''facturefdp.html.pdf`,
  )
  const listed = json(await worker.get(`/api/accompaniments/${caseId}/documents`)).items.find((d: { id: string }) => d.id === doc.id)
  expect(listed.filename).toBe('facturefdp.html.pdf')
})

it('keeps documents inside the case', async () => {
  const doc = json(await upload(worker, PDF, 'application/pdf'))
  expect((await outsider.get(`/api/accompaniments/${caseId}/documents`)).statusCode).toBe(404)
  expect((await outsider.get(`/api/accompaniments/${caseId}/documents/${doc.id}`)).statusCode).toBe(404)
  expect((await upload(outsider, PDF, 'application/pdf')).statusCode).toBe(404)
})

it('keeps the documents of a closed case readable and adds none (409)', async () => {
  const team = await t.team()
  const own = await t.as(['worker'], { teamIds: [team] })
  const lead = await t.as(['lead'], { teamIds: [team] })
  const person = json(await own.post('/api/persons', { firstName: 'Closed', lastName: 'Documents' }))
  const id = json(await own.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id
  const send = (agent: Agent) =>
    agent.post(`/api/accompaniments/${id}/documents`, PDF, { 'content-type': 'application/pdf', 'x-filename': 'fin.pdf' })
  const doc = json(await send(own))
  await own.post(`/api/accompaniments/${id}/closure`, { outcome: 'other', reason: 'Fin' }, { 'if-match': '"1"' })
  expect(json(await lead.post(`/api/accompaniments/${id}/closure/decision`, { approve: true }, { 'if-match': '"2"' })).status).toBe(
    'closed',
  )
  for (const agent of [own, lead]) {
    const refused = await send(agent)
    expect(refused.statusCode).toBe(409)
    expect(json(refused).code).toBe('state.invalid_transition')
  }
  expect(json(await own.get(`/api/accompaniments/${id}/documents`)).items.map((d: { id: string }) => d.id)).toEqual([doc.id])
  expect((await own.get(`/api/accompaniments/${id}/documents/${doc.id}`)).rawPayload.equals(PDF)).toBe(true)
})
