import crypto from 'node:crypto'
import { expect, it } from 'vitest'
import { CHUNK_BYTES, openChunk, sealedChunks } from './document-seal'

const key = crypto.randomBytes(32)
const id = crypto.randomUUID()
const seal = async (bytes: Buffer, pieces = 7) => {
  const source = Array.from({ length: pieces }, (_, i) => bytes.subarray((i * bytes.length) / pieces, ((i + 1) * bytes.length) / pieces))
  const out: Buffer[] = []
  for await (const chunk of sealedChunks(key, id, source)) out.push(chunk)
  return out
}
const openAll = (chunks: Buffer[], documentId = id) =>
  Buffer.concat(chunks.map((c, i) => openChunk(key, documentId, i, i === chunks.length - 1, c)))

it('cuts any stream into 64 KiB chunks, the last sealed as final, and opens them back whole', async () => {
  for (const size of [0, 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES - 5]) {
    const bytes = crypto.randomBytes(size)
    const chunks = await seal(bytes)
    expect(chunks).toHaveLength(Math.max(1, Math.ceil(size / CHUNK_BYTES)))
    expect(openAll(chunks).equals(bytes)).toBe(true)
  }
})

it('refuses a document cut after a chunk, chunks reordered, or chunks of another document', async () => {
  const chunks = await seal(crypto.randomBytes(3 * CHUNK_BYTES + 10))
  expect(() => openAll(chunks.slice(0, 2))).toThrow()
  expect(() => openAll([chunks[1], chunks[0], chunks[2], chunks[3]] as Buffer[])).toThrow()
  expect(() => openAll(chunks, crypto.randomUUID())).toThrow()
  expect(() => openAll([...chunks, chunks[3] as Buffer])).toThrow()
})
