import { DocumentList, DocumentParams, DocumentView } from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { defineCaseRoute } from '../../http/case-route'
import { fail, invalidField } from '../../http/errors'
import { type OpenedCase, rowsOf } from '../../security/case-access'
import { storeDocument } from './documents.commands'
import { contentDisposition, documentName, FILE_TYPES, type FileType, typeOfMime } from './file-types'

/** The name a document is offered under: stored names are cleaned again, for those stored before the rule. */
const presentedName = (stored: string, contentType: string) => {
  const type = typeOfMime(contentType)
  return type ? documentName(stored, type) : stored
}

async function listDocuments(ctx: RequestContext, trx: Trx, acc: OpenedCase, documentId?: string) {
  let q = rowsOf(trx, acc, 'documents')
    .innerJoin('users', 'users.id', 'documents.uploaded_by')
    .select([
      'documents.id',
      'documents.accompaniment_id',
      'documents.filename_sealed',
      'documents.content_type',
      'documents.size',
      'users.display_name',
      'documents.uploaded_at',
    ])
  if (documentId) q = q.where('documents.id', '=', documentId)
  const rows = await q.orderBy('documents.uploaded_at', 'desc').limit(500).execute()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows.map((r) => ({
    id: r.id,
    accompanimentId: r.accompaniment_id,
    filename: presentedName(ctx.codec.openRow('documents', key, r.id, r).filename, r.content_type),
    contentType: r.content_type,
    size: r.size,
    uploadedBy: r.display_name,
    uploadedAt: r.uploaded_at,
  }))
}

/** The upload's type, checked against its content, and its name as typed. */
function checkedUpload(ctx: RequestContext, headers: Record<string, unknown>, bytes: unknown) {
  const { documents } = ctx.services.config
  const type: FileType | null = typeOfMime(String(headers['content-type'] ?? ''))
  if (!type || !documents.types.includes(type)) throw invalidField('file', 'type_not_allowed', `Allowed: ${documents.types.join(', ')}`)
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw invalidField('file', 'empty', 'The file is empty')
  if (!FILE_TYPES[type].matches(bytes)) throw invalidField('file', 'content_mismatch', 'The file content does not match its declared type')
  let filename: string
  try {
    filename = decodeURIComponent(String(headers['x-filename'] ?? '')).trim()
  } catch {
    throw invalidField('headers.x-filename', 'invalid', 'X-Filename must be URI-encoded')
  }
  if (!filename || filename.length > 200) throw invalidField('headers.x-filename', 'required', 'A file name of 1 to 200 characters')
  return { type, bytes, filename }
}

export const documentRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/documents',
    summary: 'Documents of a case',
    tags: ['documents'],
    params: IdParams,
    response: DocumentList,
    allow: 'document.read',
    access: 'read',
    action: 'document.listed',
    async handler({ acc, trx, ctx }) {
      return { items: await listDocuments(ctx, trx, acc) }
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/documents',
    summary: 'Upload a document: the raw bytes as the body, its type as Content-Type, its name in X-Filename (URI-encoded)',
    tags: ['documents'],
    params: IdParams,
    response: DocumentView,
    status: 201,
    allow: 'document.write',
    access: 'change',
    action: 'document.uploaded',
    async handler({ acc, trx, audit, ctx, request }) {
      const file = checkedUpload(ctx, request.headers, request.body)
      const id = await storeDocument(ctx, trx, acc, file)
      audit.subject('document', id).detail({ accompanimentId: acc.id, type: file.type, size: file.bytes.length })
      const [view] = await listDocuments(ctx, trx, acc, id)
      if (!view) throw fail('resource.not_found')
      return view
    },
  }),
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/documents/:documentId',
    summary: 'Download a document (audited)',
    tags: ['documents'],
    params: DocumentParams,
    allow: 'document.read',
    access: 'read',
    action: 'document.downloaded',
    async handler({ acc, trx, audit, params, ctx, reply }) {
      const row = await rowsOf(trx, acc, 'documents')
        .select(['documents.id', 'documents.filename_sealed', 'documents.content_type'])
        .where('documents.id', '=', params.documentId)
        .executeTakeFirst()
      if (!row) throw fail('resource.not_found')
      audit.subject('document', row.id).detail({ accompanimentId: acc.id })
      const key = await ctx.codec.personKey(trx, acc.person_id)
      const filename = presentedName(ctx.codec.openRow('documents', key, row.id, row).filename, row.content_type)
      const bytes = await ctx.services.documents.read(key, acc.id, row.id)
      reply.header('Content-Type', row.content_type)
      reply.header('Content-Disposition', contentDisposition(filename))
      return bytes
    },
  }),
]
