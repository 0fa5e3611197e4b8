import { DocumentList, DocumentParams, DocumentView } from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail, invalidField } from '../../http/errors'
import { findVisibleAccompaniment } from '../accompaniments/accompaniments.queries'
import { storeDocument } from './documents.commands'
import { contentDisposition, FILE_TYPES, typeOfMime } from './file-types'

async function listDocuments(ctx: RequestContext, trx: Trx, acc: { id: string; person_id: string }, documentId?: string) {
  let q = trx
    .selectFrom('documents')
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
    .where('documents.accompaniment_id', '=', acc.id)
  if (documentId) q = q.where('documents.id', '=', documentId)
  const rows = await q.orderBy('documents.uploaded_at', 'desc').limit(500).execute()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows.map((r) => ({
    id: r.id,
    accompanimentId: r.accompaniment_id,
    filename: String(ctx.codec.openRow('documents', key, r.id, r).filename),
    contentType: r.content_type,
    size: r.size,
    uploadedBy: r.display_name,
    uploadedAt: r.uploaded_at,
  }))
}

export const documentRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/documents',
    summary: 'Documents of a case',
    tags: ['documents'],
    params: IdParams,
    response: DocumentList,
    allow: 'document.read',
    async handler({ params, ctx }) {
      return ctx.read('document.listed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        return { items: await listDocuments(ctx, trx, acc) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/documents',
    summary: 'Upload a document: the raw bytes as the body, its type as Content-Type, its name in X-Filename (URI-encoded)',
    tags: ['documents'],
    params: IdParams,
    response: DocumentView,
    status: 201,
    allow: 'document.write',
    async handler({ params, ctx, request }) {
      const { documents } = ctx.services.config
      const bytes = request.body
      const type = typeOfMime(request.headers['content-type'] ?? '')
      if (!type || !documents.types.includes(type)) throw invalidField('file', 'type_not_allowed', `Allowed: ${documents.types.join(', ')}`)
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw invalidField('file', 'empty', 'The file is empty')
      if (!FILE_TYPES[type].matches(bytes))
        throw invalidField('file', 'content_mismatch', 'The file content does not match its declared type')
      let filename: string
      try {
        filename = decodeURIComponent(String(request.headers['x-filename'] ?? '')).trim()
      } catch {
        throw invalidField('headers.x-filename', 'invalid', 'X-Filename must be URI-encoded')
      }
      if (!filename || filename.length > 200) throw invalidField('headers.x-filename', 'required', 'A file name of 1 to 200 characters')
      return ctx.write('document.uploaded', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const id = await storeDocument(ctx, trx, acc, { filename, type, bytes })
        audit.subject('document', id).person(acc.person_id).detail({ accompanimentId: acc.id, type, size: bytes.length })
        return (await listDocuments(ctx, trx, acc, id))[0] as NonNullable<Awaited<ReturnType<typeof listDocuments>>[number]>
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/documents/:documentId',
    summary: 'Download a document (audited)',
    tags: ['documents'],
    params: DocumentParams,
    allow: 'document.read',
    async handler({ params, ctx, reply }) {
      const file = await ctx.read('document.downloaded', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const row = await trx
          .selectFrom('documents')
          .select(['id', 'filename_sealed', 'content_type'])
          .where('id', '=', params.documentId)
          .where('accompaniment_id', '=', acc.id)
          .executeTakeFirst()
        if (!row) throw fail('resource.not_found')
        audit.subject('document', row.id).person(acc.person_id).detail({ accompanimentId: acc.id })
        const key = await ctx.codec.personKey(trx, acc.person_id)
        const filename = String(ctx.codec.openRow('documents', key, row.id, row).filename)
        return { bytes: await ctx.services.documents.read(key, acc.id, row.id), type: row.content_type, filename }
      })
      const ext = Object.values(FILE_TYPES).find((t) => t.mime === file.type)?.ext ?? 'bin'
      reply.header('Content-Type', file.type)
      reply.header('Content-Disposition', contentDisposition(file.filename, ext))
      return reply.send(file.bytes)
    },
  }),
]
