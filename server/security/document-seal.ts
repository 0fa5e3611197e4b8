import crypto from 'node:crypto'

/** Plaintext bytes per sealed chunk: memory per upload or download stays near this, whatever the file's size. */
export const CHUNK_BYTES = 64 * 1024
const NONCE = 12
const TAG = 16

/**
 * One chunk of a document, AES-256-GCM under the document's own content key: random nonce,
 * ciphertext, tag. The associated data names the document, the chunk's place and whether it is
 * the last: chunks moved between documents, reordered, or a document cut after any chunk all
 * fail to open (a cut leaves a last chunk that was sealed as "more").
 */
export function sealChunk(key: Buffer, documentId: string, index: number, final: boolean, plain: Buffer): Buffer {
  const nonce = crypto.randomBytes(NONCE)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce)
  cipher.setAAD(chunkAad(documentId, index, final))
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()])
}

export function openChunk(key: Buffer, documentId: string, index: number, final: boolean, sealed: Buffer): Buffer {
  if (sealed.length < NONCE + TAG) throw new Error('document chunk too short')
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE))
  decipher.setAAD(chunkAad(documentId, index, final))
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG))
  return Buffer.concat([decipher.update(sealed.subarray(NONCE, sealed.length - TAG)), decipher.final()])
}

const chunkAad = (documentId: string, index: number, final: boolean) =>
  Buffer.from(`documents:${documentId}:chunk:${index}:${final ? 'final' : 'more'}`)

/**
 * Cuts a stream of any-sized buffers into sealed chunks of CHUNK_BYTES plaintext. One chunk is
 * held back until the next byte arrives, so that the last one is known and sealed as final (an
 * empty stream gives one empty final chunk).
 */
export async function* sealedChunks(
  key: Buffer,
  documentId: string,
  source: AsyncIterable<Buffer> | Iterable<Buffer>,
): AsyncGenerator<Buffer> {
  let pending: Buffer[] = []
  let pendingBytes = 0
  let index = 0
  for await (const piece of source) {
    let rest = piece
    while (rest.length > 0) {
      if (pendingBytes === CHUNK_BYTES) {
        yield sealChunk(key, documentId, index++, false, Buffer.concat(pending))
        pending = []
        pendingBytes = 0
      }
      const take = rest.subarray(0, CHUNK_BYTES - pendingBytes)
      pending.push(take)
      pendingBytes += take.length
      rest = rest.subarray(take.length)
    }
  }
  yield sealChunk(key, documentId, index, true, Buffer.concat(pending))
}
