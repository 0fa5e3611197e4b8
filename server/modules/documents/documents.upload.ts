import crypto from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { RequestContext } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import type { DocumentRef } from '../../security/document-store'
import { contentIs, FILE_TYPES, type FileType, SIGNATURE_BYTES, typeOfMime } from './file-types'

/** An upload received, checked and stored, waiting for its row. */
export type ReceivedUpload = DocumentRef & { type: FileType; filename: string; size: number; contentKey: Buffer }

/** The upload's declared type and its name as typed, checked before any byte is read. */
function declared(ctx: RequestContext, headers: FastifyRequest['headers']) {
  const { documents } = ctx.services.config
  const type: FileType | null = typeOfMime(String(headers['content-type'] ?? ''))
  if (!type || !documents.types.includes(type)) throw invalidField('file', 'type_not_allowed', `Allowed: ${documents.types.join(', ')}`)
  let filename: string
  try {
    filename = decodeURIComponent(String(headers['x-filename'] ?? '')).trim()
  } catch {
    throw invalidField('headers.x-filename', 'invalid', 'X-Filename must be URI-encoded')
  }
  if (!filename || filename.length > 200) throw invalidField('headers.x-filename', 'required', 'A file name of 1 to 200 characters')
  if (Number(headers['content-length'] ?? 0) > documents.maxBytes) throw fail('payload.too_large')
  return { type, filename }
}

/**
 * Receives an upload before any transaction opens: the body is read as it arrives, sealed in
 * chunks under a fresh content key and stored, while its size is counted (413 past the limit,
 * mid-stream) and what the type check needs is kept: the first bytes, or the whole file for zip
 * types (bounded by the size limit). A refused upload leaves nothing behind.
 */
export async function receiveUpload(ctx: RequestContext, accompanimentId: string, request: FastifyRequest): Promise<ReceivedUpload> {
  const { type, filename } = declared(ctx, request.headers)
  const maxBytes = ctx.services.config.documents.maxBytes
  const ref = { accompanimentId, documentId: crypto.randomUUID() }
  const contentKey = crypto.randomBytes(32)
  const kept: Buffer[] = []
  let keptBytes = 0
  let size = 0
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  let text = type === 'txt'
  async function* body(): AsyncGenerator<Buffer> {
    for await (const piece of request.raw as AsyncIterable<Buffer>) {
      size += piece.length
      if (size > maxBytes) throw fail('payload.too_large')
      if (FILE_TYPES[type].whole || keptBytes < SIGNATURE_BYTES) {
        kept.push(piece)
        keptBytes += piece.length
      }
      if (text) text = isPlainText(utf8, piece)
      yield piece
    }
  }
  await ctx.services.documents.put(ref, contentKey, body())
  try {
    if (size === 0) throw invalidField('file', 'empty', 'The file is empty')
    if (text) text = isPlainText(utf8, null)
    const bytes = Buffer.concat(kept)
    if (!(await contentIs(type, FILE_TYPES[type].whole ? bytes : bytes.subarray(0, SIGNATURE_BYTES), text)))
      throw invalidField('file', 'content_mismatch', 'The file content does not match its declared type')
  } catch (error) {
    await ctx.services.documents.discard(ref)
    throw error
  }
  return { ...ref, type, filename, size, contentKey }
}

/** One more piece of a text file (null at its end): still UTF-8, and no NUL. */
function isPlainText(decoder: TextDecoder, piece: Buffer | null): boolean {
  try {
    if (piece === null) decoder.decode()
    else if (piece.includes(0)) return false
    else decoder.decode(piece, { stream: true })
    return true
  } catch {
    return false
  }
}
