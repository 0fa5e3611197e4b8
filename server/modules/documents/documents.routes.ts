import {
  DocumentCategoryBody,
  DocumentList,
  DocumentParams,
  DocumentUploadQuery,
  DocumentView,
} from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { defineCaseRoute } from '../../http/case-route'
import { fail } from '../../http/errors'
import { type OpenedCase, rowsOf } from '../../security/case-access'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { removeDocument, setDocumentCategory, storeDocument } from './documents.commands'
import { receiveUpload } from './documents.upload'
import { contentDisposition, documentName, typeOfMime } from './file-types'

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
      'documents.category',
      'users.display_name',
      'documents.uploaded_at',
      'documents.version',
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
    category: r.category,
    uploadedBy: r.display_name,
    uploadedAt: r.uploaded_at,
    version: r.version,
  }))
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
    query: DocumentUploadQuery,
    response: DocumentView,
    status: 201,
    allow: 'document.write',
    access: 'change',
    action: 'document.uploaded',
    // Streamed, sealed and stored before the transaction opens: a large upload holds no lock.
    prepare: {
      run: ({ params, ctx, request }) => receiveUpload(ctx, params.id, request),
      discard: (upload, ctx) => ctx.services.documents.discard(upload),
    },
    async handler({ acc, trx, audit, ctx, prepared, query, reply }) {
      const id = await storeDocument(ctx, trx, acc, prepared, query.category)
      audit.subject('document', id).detail({ accompanimentId: acc.id, type: prepared.type, size: prepared.size, category: query.category })
      sendVersion(reply, 1)
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
        .select(['documents.id', 'documents.filename_sealed', 'documents.content_key_sealed', 'documents.content_type', 'documents.size'])
        .where('documents.id', '=', params.documentId)
        .executeTakeFirst()
      if (!row) throw fail('resource.not_found')
      audit.subject('document', row.id).detail({ accompanimentId: acc.id })
      const key = await ctx.codec.personKey(trx, acc.person_id)
      const opened = ctx.codec.openRow('documents', key, row.id, row)
      const filename = presentedName(opened.filename, row.content_type)
      // Streamed: the first chunk is opened here, the rest as the client reads, after the commit.
      const content = await ctx.services.documents.open(
        { accompanimentId: acc.id, documentId: row.id },
        opened.content_key ? { content: Buffer.from(opened.content_key, 'base64') } : { legacyPersonKey: key },
      )
      reply.header('Content-Type', row.content_type)
      reply.header('Content-Length', row.size)
      reply.header('Content-Disposition', contentDisposition(filename))
      return content
    },
  }),
  defineCaseRoute({
    method: 'PATCH',
    path: '/api/accompaniments/:id/documents/:documentId',
    summary: "Change a document's category (If-Match required)",
    tags: ['documents'],
    params: DocumentParams,
    body: DocumentCategoryBody,
    response: DocumentView,
    allow: 'document.write',
    access: 'change',
    action: 'document.updated',
    async handler({ acc, trx, audit, params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      audit.subject('document', params.documentId).detail({ accompanimentId: acc.id, category: body.category })
      await setDocumentCategory(trx, acc, params.documentId, version, body.category)
      const [view] = await listDocuments(ctx, trx, acc, params.documentId)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineCaseRoute({
    method: 'DELETE',
    path: '/api/accompaniments/:id/documents/:documentId',
    summary: 'Remove a document: its row now, its stored content once that commits; recorded on the timeline (If-Match required)',
    tags: ['documents'],
    params: DocumentParams,
    status: 204,
    allow: 'document.write',
    access: 'change',
    action: 'document.removed',
    async handler({ acc, trx, audit, params, ctx, request }) {
      const version = expectedVersion(request)
      const removed = await removeDocument(ctx, trx, acc, params.documentId, version)
      audit.subject('document', params.documentId).detail({ accompanimentId: acc.id, ...removed })
      return undefined
    },
    // The row is gone for good: now the bytes (on disk beside SQLite, in document_chunks on PostgreSQL).
    committed: ({ params, ctx }) => ctx.services.documents.discard({ accompanimentId: params.id, documentId: params.documentId }),
  }),
]
