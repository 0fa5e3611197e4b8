import crypto from 'node:crypto'
import type { RequestContext, Trx } from '../../http/context'
import { type ChangeableCase, insertRows } from '../../security/case-access'
import { documentName, FILE_TYPES, type FileType } from './file-types'

/** Stores a checked file on a case the actor may change: its row, and its bytes sealed on disk. */
export async function storeDocument(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  file: { filename: string; type: FileType; bytes: Buffer },
): Promise<string> {
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const filename = documentName(file.filename, file.type)
  await insertRows(trx, acc, 'documents', {
    id,
    filename_sealed: ctx.codec.sealRow('documents', key, id, { filename }).filename_sealed,
    content_type: FILE_TYPES[file.type].mime,
    size: file.bytes.length,
    uploaded_by: ctx.user.userId,
    uploaded_at: ctx.now(),
  })
  // The file is written before the row commits; if the commit fails the orphan is harmless
  // (sealed, unreferenced), whereas a row without its file would be a broken promise.
  await ctx.services.documents.write(key, acc.id, id, file.bytes)
  return id
}
