import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { loadConfig } from '../../config'
import { sealBytes } from '../../security/aead'
import { createServices } from '../../services'
import { Agent, DB_KIND, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Where document bytes live and what a failure leaves: chunked content read back whole, by
 * another instance on the same database too; refused or cut uploads leave no file, no temporary
 * file and no chunk; start-up removes what a crash left.
 */

let t: TestApp
let worker: Agent & { userId: string; email: string }
let caseId: string
let personId: string
const MAX_BYTES = 300_000

beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_DOCUMENT_MAX_MB: String(MAX_BYTES / 1_048_576), PARCOURS_DOCUMENT_TYPES: 'pdf,txt' } })
  const team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  personId = json(await worker.post('/api/persons', { firstName: 'Nadia', lastName: 'Stream' })).id
  caseId = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId, teamId: team })).id
})
afterAll(() => t.close())

/** A PDF of about `bytes` bytes whose every 64 KiB chunk differs. */
const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(bytes - 9)])
const upload = (agent: Agent, bytes: Buffer) =>
  agent.post(`/api/accompaniments/${caseId}/documents`, bytes, { 'content-type': 'application/pdf', 'x-filename': 'long.pdf' })

/** Every file under the documents folder, temporary ones included. */
const filesOnDisk = (dataDir = t.dataDir) => {
  const root = path.join(dataDir, 'documents')
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.includes('.')) : []
}
/** The test app on a real socket, for requests inject cannot make (chunked, cut). */
async function listening(): Promise<number> {
  if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 })
  return (t.app.server.address() as net.AddressInfo).port
}
const chunkRows = async () =>
  Number(
    (
      await t.services.db
        .selectFrom('document_chunks')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const storedNow = async () => ({ files: filesOnDisk(), chunks: await chunkRows() })

it('stores a file of several chunks and gives it back byte for byte, from another instance on the same database too', async () => {
  const bytes = pdf(200_001)
  const res = await upload(worker, bytes)
  expect(res.statusCode, res.body).toBe(201)
  const doc = json(res)
  expect(doc.size).toBe(bytes.length)
  const down = await worker.get(`/api/accompaniments/${caseId}/documents/${doc.id}`)
  expect(down.statusCode).toBe(200)
  expect(down.rawPayload.equals(bytes)).toBe(true)
  // Streamed, with its length known in advance.
  expect(Number(down.headers['content-length'])).toBe(bytes.length)

  // A second instance: same database and master key, its own data folder (another machine).
  // On SQLite both must be on one machine, so they share the folder, as SQLite requires.
  const otherDir = DB_KIND === 'postgres' ? fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-other-')) : t.dataDir
  const { services, close } = await createServices(loadConfig({ ...configOf(t), PARCOURS_DATA_DIR: otherDir }))
  const other = await buildApp(services)
  try {
    const there = new Agent(other)
    expect((await there.post('/api/auth/login', { email: worker.email, password: 'a long test passphrase 2026' })).statusCode).toBe(200)
    const listed = json(await there.get(`/api/accompaniments/${caseId}/documents`)).items.map((d: { id: string }) => d.id)
    expect(listed).toContain(doc.id)
    const fromOther = await there.get(`/api/accompaniments/${caseId}/documents/${doc.id}`)
    expect(fromOther.statusCode).toBe(200)
    expect(fromOther.rawPayload.equals(bytes)).toBe(true)
    // And the other way: uploaded there, read here.
    const second = pdf(70_000)
    const sent = await there.post(`/api/accompaniments/${caseId}/documents`, second, {
      'content-type': 'application/pdf',
      'x-filename': 'there.pdf',
    })
    expect(sent.statusCode, sent.body).toBe(201)
    expect((await worker.get(`/api/accompaniments/${caseId}/documents/${json(sent).id}`)).rawPayload.equals(second)).toBe(true)
  } finally {
    await other.close()
    await close()
    if (otherDir !== t.dataDir) fs.rmSync(otherDir, { recursive: true, force: true })
  }
})

/** The environment the test app was started with, for another instance of it. */
function configOf(app: TestApp): Record<string, string> {
  const key = app.config.masterKey
  if (!('base64' in key)) throw new Error('the test app has an inline master key')
  return { NODE_ENV: 'test', PARCOURS_MASTER_KEY: key.base64, PARCOURS_DEMO: 'true', DATABASE_URL: app.databaseUrl }
}

it('still reads a document stored whole, before chunking, sealed with the person key', async () => {
  const bytes = pdf(5_000)
  const doc = json(await upload(worker, bytes))
  // What an earlier version wrote: one blob on disk, no content key in the row.
  const key = await t.services.codec.personKey(t.services.db, personId)
  const file = path.join(t.dataDir, 'documents', caseId, `${doc.id}.bin`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, sealBytes(key, bytes, `documents:${doc.id}`))
  await t.services.db.updateTable('documents').set({ content_key_sealed: null }).where('id', '=', doc.id).execute()
  await t.services.db.deleteFrom('document_chunks').where('document_id', '=', doc.id).execute()
  const down = await worker.get(`/api/accompaniments/${caseId}/documents/${doc.id}`)
  expect(down.statusCode).toBe(200)
  expect(down.rawPayload.equals(bytes)).toBe(true)
})

it('leaves nothing behind when an upload goes over the limit mid-stream, or is refused after it arrived', async () => {
  const before = await storedNow()
  // No Content-Length (chunked): the limit is only found out while the body streams in.
  const port = await listening()
  const over = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/accompaniments/${caseId}/documents`,
        headers: { cookie: worker.cookie as string, 'x-parcours-request': '1', 'content-type': 'application/pdf', 'x-filename': 'big.pdf' },
      },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString('utf8')))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.write(pdf(100_000))
    req.write(crypto.randomBytes(100_000))
    req.end(crypto.randomBytes(150_000))
  })
  expect(over.status).toBe(413)
  expect(JSON.parse(over.body).code).toBe('payload.too_large')
  // Stored whole, then found not to be what it says: discarded.
  const fake = await upload(worker, Buffer.concat([Buffer.from('not a pdf '), crypto.randomBytes(150_000)]))
  expect(json(fake).errors[0]).toMatchObject({ field: 'file', code: 'content_mismatch' })
  expect(await storedNow()).toEqual(before)
})

it('leaves nothing behind when the client hangs up in the middle of an upload', async () => {
  const before = await storedNow()
  const port = await listening()
  const socket = net.connect(port, '127.0.0.1')
  await new Promise((resolve) => socket.once('connect', resolve))
  socket.write(
    [
      `POST /api/accompaniments/${caseId}/documents HTTP/1.1`,
      'Host: 127.0.0.1',
      `Cookie: ${worker.cookie}`,
      'X-Parcours-Request: 1',
      'Content-Type: application/pdf',
      'X-Filename: cut.pdf',
      'Content-Length: 250000',
      '',
      '',
    ].join('\r\n'),
  )
  socket.write(pdf(150_000))
  // Until part of the body is stored: a temporary file beside SQLite, chunks in PostgreSQL.
  for (let i = 0; i < 200 && JSON.stringify(await storedNow()) === JSON.stringify(before); i++) await new Promise((r) => setTimeout(r, 25))
  expect(await storedNow()).not.toEqual(before)
  socket.destroy()
  let after = await storedNow()
  for (let i = 0; i < 200 && JSON.stringify(after) !== JSON.stringify(before); i++) {
    await new Promise((r) => setTimeout(r, 25))
    after = await storedNow()
  }
  expect(after).toEqual(before)
})

it('removes at start-up the temporary files and unreferenced content a crash left', async () => {
  const kept = json(await upload(worker, pdf(1_000)))
  const folder = path.join(t.dataDir, 'documents', caseId)
  fs.mkdirSync(folder, { recursive: true })
  const crashed = crypto.randomUUID()
  fs.writeFileSync(path.join(folder, `${crashed}.bin.tmp`), 'half an upload')
  fs.writeFileSync(path.join(folder, `${crypto.randomUUID()}.bin`), 'a file whose row never committed')
  // Chunks in the database (PostgreSQL): one upload abandoned two days ago, one in flight.
  const abandoned = crypto.randomUUID()
  const inFlight = crypto.randomUUID()
  if (DB_KIND === 'postgres')
    await t.services.db
      .insertInto('document_chunks')
      .values([
        { document_id: abandoned, seq: 0, sealed: Buffer.from('x'), stored_at: new Date(Date.now() - 2 * 86_400_000).toISOString() },
        { document_id: inFlight, seq: 0, sealed: Buffer.from('y'), stored_at: new Date().toISOString() },
      ])
      .execute()

  const restarted = await createServices(loadConfig({ ...configOf(t), PARCOURS_DATA_DIR: t.dataDir }))
  await restarted.close()

  expect(filesOnDisk().filter((f) => f.endsWith('.tmp'))).toEqual([])
  const ids = filesOnDisk().map((f) => path.basename(f, '.bin'))
  const rows = await t.services.db.selectFrom('documents').select('id').execute()
  expect(ids.every((id) => rows.some((r) => r.id === id))).toBe(true)
  if (DB_KIND === 'postgres') {
    const chunked = (await t.services.db.selectFrom('document_chunks').select('document_id').distinct().execute()).map((c) => c.document_id)
    expect(chunked).not.toContain(abandoned)
    // Another instance may be uploading right now: recent chunks without a row stay.
    expect(chunked).toContain(inFlight)
    expect(chunked).toContain(kept.id)
    await t.services.db.deleteFrom('document_chunks').where('document_id', '=', inFlight).execute()
  }
  expect((await worker.get(`/api/accompaniments/${caseId}/documents/${kept.id}`)).statusCode).toBe(200)
})
