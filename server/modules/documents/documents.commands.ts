import crypto from 'node:crypto'
import type { RequestContext, Trx } from '../../http/context'
import type { DocumentCategory } from '../../../common/contracts/accompaniments.contracts'
import { type ChangeableCase, deleteRows, insertRows, missOrStale, rowsOf, updateRows } from '../../security/case-access'
import { addEvent } from '../accompaniments/accompaniments.commands'
import type { ReceivedUpload } from './documents.upload'
import { documentName, FILE_TYPES, type FileType } from './file-types'

/**
 * The row of an upload already received and stored (documents.upload.ts), on a case the actor
 * may change: its name and content key sealed with the person's key. Only this runs in the
 * transaction; if it does not commit, the stored content is discarded by the route.
 */
export async function storeDocument(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  upload: ReceivedUpload,
  category: DocumentCategory = 'other',
): Promise<string> {
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
    category,
    version: 1,
  })
  return upload.documentId
}

/** Files a document of this case under another category, from the version the caller saw. */
export async function setDocumentCategory(
  trx: Trx,
  acc: ChangeableCase,
  documentId: string,
  version: number,
  category: DocumentCategory,
): Promise<void> {
  const result = await updateRows(trx, acc, 'documents')
    .set({ category, version: version + 1 })
    .where('documents.id', '=', documentId)
    .where('documents.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, acc, 'documents', documentId)
}

/**
 * Removes a document's row, from the version the caller saw, and records the removal on the
 * case's timeline (its name sealed in the event's note, like any free text there). The stored
 * bytes go once this commits (the route's `committed` step); if that step fails, the content is
 * unreferenced and the store's start-up sweep removes it.
 */
export async function removeDocument(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  documentId: string,
  version: number,
): Promise<{ category: DocumentCategory; size: number; contentType: string }> {
  const row = await rowsOf(trx, acc, 'documents')
    .select(['documents.id', 'documents.filename_sealed', 'documents.category', 'documents.size', 'documents.content_type'])
    .where('documents.id', '=', documentId)
    .where('documents.version', '=', version)
    .executeTakeFirst()
  if (!row) return missOrStale(trx, acc, 'documents', documentId)
  const result = await deleteRows(trx, acc, 'documents')
    .where('documents.id', '=', documentId)
    .where('documents.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) return missOrStale(trx, acc, 'documents', documentId)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const { filename } = ctx.codec.openRow('documents', key, row.id, row)
  const removed = { category: row.category, size: row.size, contentType: row.content_type }
  await addEvent(ctx, trx, acc, 'document_removed', { documentId, ...removed }, filename)
  return removed
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
