import crypto from 'node:crypto'
import type { RequestContext, Trx } from '../../http/context'
import { type ChangeableCase, insertRows } from '../../security/case-access'
import type { ReceivedUpload } from './documents.upload'
import { documentName, FILE_TYPES, type FileType } from './file-types'

/**
 * The row of an upload already received and stored (documents.upload.ts), on a case the actor
 * may change: its name and content key sealed with the person's key. Only this runs in the
 * transaction; if it does not commit, the stored content is discarded by the route.
 */
export async function storeDocument(ctx: RequestContext, trx: Trx, acc: ChangeableCase, upload: ReceivedUpload): Promise<string> {
  // The content was stored under the case named in the path; the door has opened that same case.
  if (upload.accompanimentId !== acc.id) throw new Error('upload stored under another case')
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const filename = documentName(upload.filename, upload.type)
  const sealed = ctx.codec.sealRow('documents', key, upload.documentId, { filename, content_key: upload.contentKey.toString('base64') })
  await insertRows(trx, acc, 'documents', {
    id: upload.documentId,
    filename_sealed: sealed.filename_sealed,
    content_key_sealed: sealed.content_key_sealed,
    content_type: FILE_TYPES[upload.type].mime,
    size: upload.size,
    uploaded_by: ctx.user.userId,
    uploaded_at: ctx.now(),
  })
  return upload.documentId
}

/** A document whose bytes are at hand (demo data): stored, then its row written in `trx`. */
export async function storeDocumentBytes(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  file: { filename: string; type: FileType; bytes: Buffer },
): Promise<string> {
  const upload = {
    accompanimentId: acc.id,
    documentId: crypto.randomUUID(),
    contentKey: crypto.randomBytes(32),
    ...file,
    size: file.bytes.length,
  }
  await ctx.services.documents.put(upload, upload.contentKey, [file.bytes])
  try {
    return await storeDocument(ctx, trx, acc, upload)
  } catch (error) {
    await ctx.services.documents.discard(upload)
    throw error
  }
}
