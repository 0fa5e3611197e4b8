import zlib from 'node:zlib'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Word and OpenDocument files are zip archives: the upload must hold the structure of one, not
 * merely contain the right strings. The archives here are built byte by byte by a tiny writer, so
 * that each refusal is about one defect of an otherwise real file.
 */

let t: TestApp
let worker: Agent & { userId: string }
let caseId: string

beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_DOCUMENT_TYPES: 'pdf,docx,odt' } })
  const team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  const person = json(await worker.post('/api/persons', { firstName: 'Lina', lastName: 'Zipper' }))
  caseId = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id
})
afterAll(() => t.close())

// ---- A tiny zip writer --------------------------------------------------------------------------

type Entry = {
  name: string
  data: string | Buffer
  /** 0: stored, 8: deflated (the default). */
  method?: 0 | 8
  /** A size to claim in the central directory instead of the real one. */
  claimSize?: number
  /** Point the central directory at another entry's local header (an overlapping archive). */
  sameAs?: number
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function zip(entries: Entry[], comment = ''): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  const offsets: number[] = []
  let offset = 0
  entries.forEach((e, i) => {
    const raw = Buffer.from(e.data)
    const method = e.method ?? 8
    const data = method === 8 ? zlib.deflateRawSync(raw) : raw
    const name = Buffer.from(e.name)
    const crc = crc32(raw)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(raw.length, 22)
    local.writeUInt16LE(name.length, 26)
    offsets.push(offset)
    if (e.sameAs === undefined) {
      locals.push(local, name, data)
      offset += 30 + name.length + data.length
    }
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(e.claimSize ?? raw.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(e.sameAs === undefined ? (offsets[i] as number) : (offsets[e.sameAs] as number), 42)
    centrals.push(central, name)
  })
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  end.writeUInt16LE(Buffer.byteLength(comment), 20)
  return Buffer.concat([...locals, directory, end, Buffer.from(comment)])
}

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
const contentTypes = (main = WORD_MAIN) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override ContentType="${main}" PartName="/word/document.xml"/></Types>`
const RELS =
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
const BODY = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>'
const docxEntries = (): Entry[] => [
  { name: '[Content_Types].xml', data: contentTypes() },
  { name: '_rels/.rels', data: RELS },
  { name: 'word/document.xml', data: BODY },
]

const ODT_MIME = 'application/vnd.oasis.opendocument.text'
const CONTENT = '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
const odtEntries = (mimetype = ODT_MIME): Entry[] => [
  { name: 'mimetype', data: mimetype, method: 0 },
  { name: 'content.xml', data: CONTENT },
  { name: 'META-INF/manifest.xml', data: '<manifest:manifest/>' },
]

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const upload = (bytes: Buffer, type: string, name: string) =>
  worker.post(`/api/accompaniments/${caseId}/documents`, bytes, { 'content-type': type, 'x-filename': encodeURIComponent(name) })

async function expectRefused(bytes: Buffer, type: string, why: string) {
  const res = await upload(bytes, type, 'refused')
  expect(res.statusCode, why).toBe(400)
  expect(json(res).errors[0], why).toMatchObject({ field: 'file', code: 'content_mismatch' })
}

// ---- The tests --------------------------------------------------------------------------------

it('accepts a real Word document and a real OpenDocument text, and gives them back whole', async () => {
  const docx = zip(docxEntries())
  const word = await upload(docx, DOCX, 'Compte rendu.docx')
  expect(word.statusCode, word.body).toBe(201)
  expect(json(word)).toMatchObject({ contentType: DOCX, filename: 'Compte rendu.docx', size: docx.length })
  const down = await worker.get(`/api/accompaniments/${caseId}/documents/${json(word).id}`)
  expect(down.rawPayload.equals(docx)).toBe(true)
  const odt = await upload(zip(odtEntries()), ODT_MIME, 'Bilan.odt')
  expect(odt.statusCode, odt.body).toBe(201)
  expect(json(odt)).toMatchObject({ contentType: ODT_MIME, filename: 'Bilan.odt' })
})

it('refuses a zip that only mentions the Word names, in a file or in its comment (pen-test)', async () => {
  const mention = '[Content_Types].xml word/document.xml ' + WORD_MAIN
  await expectRefused(zip([{ name: 'notes.txt', data: mention, method: 0 }]), DOCX, 'names inside a file')
  await expectRefused(zip([{ name: 'notes.txt', data: 'rien' }], mention), DOCX, 'names in the comment')
  const noBody = docxEntries().filter((e) => e.name !== 'word/document.xml')
  await expectRefused(zip([...noBody, { name: 'word/other.xml', data: BODY }]), DOCX, 'no word/document.xml')
  const undeclared = docxEntries().map((e) => (e.name === '[Content_Types].xml' ? { ...e, data: contentTypes('application/xml') } : e))
  await expectRefused(zip(undeclared), DOCX, 'the main document is not declared')
  const macros = docxEntries().map((e) =>
    e.name === '[Content_Types].xml' ? { ...e, data: contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml') } : e,
  )
  await expectRefused(zip(macros), DOCX, 'a macro-enabled document under the Word type')
})

it('refuses a truncated archive, a size no deflate stream can reach, and overlapping entries', async () => {
  const docx = zip(docxEntries())
  await expectRefused(docx.subarray(0, docx.length - 10), DOCX, 'truncated end')
  await expectRefused(docx.subarray(0, Math.floor(docx.length / 2)), DOCX, 'half an archive')
  await expectRefused(Buffer.concat([Buffer.from('%PDF-1.4 '), docx]), DOCX, 'bytes before the first entry')
  const bomb = docxEntries().map((e) => (e.name === '[Content_Types].xml' ? { ...e, claimSize: 4_000_000_000 } : e))
  await expectRefused(zip(bomb), DOCX, 'a size claim of 4 GB')
  const bombElsewhere = [...docxEntries(), { name: 'word/media/big.bin', data: Buffer.alloc(100), claimSize: 3_000_000_000 }]
  await expectRefused(zip(bombElsewhere), DOCX, 'a size claim on an entry we do not read')
  const overlapping = [...docxEntries(), { name: 'word/copy.xml', data: BODY, sameAs: 2 }]
  await expectRefused(zip(overlapping), DOCX, 'two entries over the same bytes')
})

it('refuses an OpenDocument text whose mimetype is not first, stored and exact, or that has no content', async () => {
  const [mimetype, content, manifest] = odtEntries() as [Entry, Entry, Entry]
  await expectRefused(zip([content, mimetype, manifest]), ODT_MIME, 'mimetype not first')
  await expectRefused(zip([{ ...mimetype, method: 8 }, content, manifest]), ODT_MIME, 'mimetype compressed')
  await expectRefused(zip(odtEntries(`${ODT_MIME}-template`)), ODT_MIME, 'a text template')
  await expectRefused(zip([mimetype, manifest]), ODT_MIME, 'no content.xml')
  await expectRefused(zip([{ name: 'notes.txt', data: `mimetype${ODT_MIME} content.xml`, method: 0 }]), ODT_MIME, 'only the names')
  const odt = zip(odtEntries())
  await expectRefused(odt.subarray(0, odt.length - 1), ODT_MIME, 'truncated')
  const items = json(await worker.get(`/api/accompaniments/${caseId}/documents`)).items
  expect(items.filter((d: { filename: string }) => d.filename.startsWith('refused'))).toEqual([])
})
