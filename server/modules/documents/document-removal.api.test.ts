import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, DB_KIND, json, startTestApp, type TestApp } from '../../test/harness'

/** Documents filed under a category (at upload, and changed later) and removed: row, bytes, and a trace. */

let t: TestApp
let worker: Agent & { userId: string }
let outsider: Agent & { userId: string }
let caseId: string

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
  const personId = json(await worker.post('/api/persons', { firstName: 'Samia', lastName: 'Kaddour' })).id
  caseId = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId, teamId: team })).id
})
afterAll(() => t.close())

const upload = (name: string, category?: string) =>
  worker.post(`/api/accompaniments/${caseId}/documents${category ? `?category=${category}` : ''}`, Buffer.from(`%PDF-1.4 ${name}`), {
    'content-type': 'application/pdf',
    'x-filename': encodeURIComponent(name),
  })

/** What the store holds for a document: its file beside SQLite, its chunks on PostgreSQL. */
async function storedBytes(documentId: string): Promise<number> {
  if (DB_KIND === 'postgres') {
    const chunks = await t.services.db.selectFrom('document_chunks').select('sealed').where('document_id', '=', documentId).execute()
    return chunks.reduce((n, c) => n + c.sealed.length, 0)
  }
  const file = path.join(t.dataDir, 'documents', caseId, `${documentId}.bin`)
  return fs.existsSync(file) ? fs.statSync(file).size : 0
}

it('files a document under a category at upload ("other" when none is given) and refuses one off the list', async () => {
  const judgment = await upload('jugement.pdf', 'judicial')
  expect(judgment.statusCode, judgment.body).toBe(201)
  expect(json(judgment)).toMatchObject({ category: 'judicial', version: 1 })
  expect(json(await upload('divers.pdf'))).toMatchObject({ category: 'other', version: 1 })
  const wrong = await upload('x.pdf', 'medical')
  expect(wrong.statusCode).toBe(400)
  expect(wrong.headers['content-type']).toContain('application/problem+json')
  expect(json(wrong).errors[0].field).toMatch(/category$/)
  const listed = json(await worker.get(`/api/accompaniments/${caseId}/documents`)).items
  expect(listed.map((d: { filename: string }) => d.filename)).not.toContain('x.pdf')
})

it('changes the category with If-Match (428 without, 412 stale), only from the list, audited; others get 404', async () => {
  const doc = json(await upload('carte-identite.pdf'))
  const url = `/api/accompaniments/${caseId}/documents/${doc.id}`
  expect((await worker.patch(url, { category: 'identity' })).statusCode).toBe(428)
  expect((await worker.patch(url, { category: 'identity' }, { 'if-match': '"7"' })).statusCode).toBe(412)
  const bad = await worker.patch(url, { category: 'secret' }, { 'if-match': '"1"' })
  expect(bad.statusCode).toBe(400)
  expect(json(bad).errors[0].field).toMatch(/category$/)
  expect((await outsider.patch(url, { category: 'identity' }, { 'if-match': '"1"' })).statusCode).toBe(404)
  const changed = await worker.patch(url, { category: 'identity' }, { 'if-match': '"1"' })
  expect(changed.statusCode, changed.body).toBe(200)
  expect(json(changed)).toMatchObject({ id: doc.id, category: 'identity', version: 2 })
  expect(changed.headers.etag).toBe('"2"')
  const entry = (await auditRows(t.services, 'document.updated')).at(-1)
  expect(entry).toMatchObject({ subject_type: 'document', subject_id: doc.id })
  expect(JSON.stringify(entry)).not.toContain('carte-identite')
})

it('removes a document: the stored bytes are gone, the download 404s, the removal is audited and on the timeline', async () => {
  const doc = json(await upload('rapport-saj.pdf', 'report'))
  const url = `/api/accompaniments/${caseId}/documents/${doc.id}`
  expect(await storedBytes(doc.id)).toBeGreaterThan(0)

  expect((await worker.request('DELETE', url)).statusCode).toBe(428)
  expect((await worker.request('DELETE', url, undefined, { 'if-match': '"2"' })).statusCode).toBe(412)
  expect((await outsider.request('DELETE', url, undefined, { 'if-match': '"1"' })).statusCode).toBe(404)
  expect(await storedBytes(doc.id)).toBeGreaterThan(0)

  const removed = await worker.request('DELETE', url, undefined, { 'if-match': '"1"' })
  expect(removed.statusCode, removed.body).toBe(204)
  expect(await storedBytes(doc.id)).toBe(0)
  expect(await t.services.db.selectFrom('documents').select('id').where('id', '=', doc.id).executeTakeFirst()).toBeUndefined()
  expect((await worker.get(url)).statusCode).toBe(404)
  expect((await worker.request('DELETE', url, undefined, { 'if-match': '"1"' })).statusCode).toBe(404)

  const entry = (await auditRows(t.services, 'document.removed')).at(-1)
  expect(entry).toMatchObject({ subject_type: 'document', subject_id: doc.id })
  expect(JSON.stringify(entry)).not.toContain('rapport-saj')
  const timeline = json(await worker.get(`/api/accompaniments/${caseId}/timeline`)).items
  const event = timeline.find((e: { type: string }) => e.type === 'document_removed')
  expect(event).toMatchObject({ actorId: worker.userId, note: 'rapport-saj.pdf', data: { documentId: doc.id, category: 'report' } })
  const raw = await t.services.db
    .selectFrom('accompaniment_events')
    .select('note_sealed')
    .where('id', '=', event.id)
    .executeTakeFirstOrThrow()
  expect(raw.note_sealed).not.toContain('rapport-saj')
})
