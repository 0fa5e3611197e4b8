import { z } from 'zod'
import { DpoExportView, StartExportBody } from '../../../common/contracts/dpo-exports.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { fromJson } from '../../db/json'
import type { Row, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { jobsById, workOf } from '../../jobs/job-progress'
import { enqueue } from '../../jobs/jobs.queue'
import { openBytes } from '../../security/aead'
import { personCodes } from '../../security/subject-export'
import { requireDpoRequest } from '../dpo-requests/dpo-requests.lookup'
import { archiveAad, dpoExportJob } from './dpo-export.job'

type ExportRowDb = Row<'dpo_exports'>
const COLUMNS = [
  'id',
  'request_id',
  'person_id',
  'job_id',
  'created_at',
  'ready_at',
  'downloaded_at',
  'requested_by',
  'downloaded_by',
  'archive_size',
  'flagged',
  'counts',
] as const

async function present(trx: Trx, rows: Pick<ExportRowDb, (typeof COLUMNS)[number]>[]): Promise<DpoExportView[]> {
  if (rows.length === 0) return []
  const staffIds = [...new Set(rows.flatMap((r) => [r.requested_by, r.downloaded_by]).filter((id): id is string => !!id))]
  const [codes, jobs, staff, requests] = await Promise.all([
    personCodes(
      trx,
      rows.map((r) => r.person_id),
    ),
    jobsById(
      trx,
      rows.map((r) => r.job_id),
    ),
    trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', staffIds).execute(),
    trx
      .selectFrom('dpo_requests')
      .select(['id', 'code'])
      .where(
        'id',
        'in',
        rows.map((r) => r.request_id),
      )
      .execute(),
  ])
  const staffName = new Map(staff.map((u) => [u.id, u.display_name]))
  const requestCode = new Map(requests.map((q) => [q.id, q.code]))
  return rows.map((r) => {
    const work = workOf(jobs.get(r.job_id), { ready: r.ready_at !== null, failed: false })
    return {
      id: r.id,
      requestId: r.request_id,
      personCode: codes.get(r.person_id) ?? '',
      state: r.downloaded_at ? ('downloaded' as const) : work.state,
      progress: work.progress,
      createdAt: r.created_at,
      readyAt: r.ready_at,
      downloadedAt: r.downloaded_at,
      requestedBy: staffName.get(r.requested_by) ?? '',
      downloadedBy: r.downloaded_by ? (staffName.get(r.downloaded_by) ?? '') : null,
      requestCode: requestCode.get(r.request_id) ?? '',
      size: r.archive_size === null ? null : Number(r.archive_size),
      counts: r.counts ? fromJson(r.counts) : null,
      flagged: r.flagged ? fromJson(r.flagged) : [],
    }
  })
}

/**
 * Subject-access and portability exports (GDPR art. 15 and 20), for the DPO only and only under
 * an open access or portability request about a person. The archive is made by a job, kept
 * sealed, and given once: the download deletes it.
 */
export const dpoExportRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/dpo/exports',
    summary: 'DPO: start the export of everything about the person of an open access or portability request',
    tags: ['dpo'],
    body: StartExportBody,
    response: DpoExportView,
    status: 201,
    allow: 'dpo_export.run',
    async handler({ body, ctx }) {
      return ctx.write('dpo_export.started', async (trx, audit) => {
        const request = await requireDpoRequest(trx, body.requestId, ['access', 'portability'])
        if (!request.person_id) throw fail('validation.failed', 'requestId')
        const id = crypto.randomUUID()
        audit.subject('person', request.person_id).detail({ exportId: id, requestId: request.id })
        const jobId = await enqueue(trx, dpoExportJob, { exportId: id })
        if (!jobId) throw fail('state.invalid_transition')
        await trx
          .insertInto('dpo_exports')
          .values({
            id,
            request_id: request.id,
            person_id: request.person_id,
            job_id: jobId,
            requested_by: ctx.user.userId,
            created_at: new Date().toISOString(),
          })
          .execute()
        const row = await trx.selectFrom('dpo_exports').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow()
        const [view] = await present(trx, [row])
        return view!
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dpo/exports',
    summary: 'DPO: the exports made for a request, or the register of all exports (the latest 100), newest first',
    tags: ['dpo'],
    query: z.object({ requestId: z.uuid().optional() }),
    response: z.object({ items: z.array(DpoExportView) }),
    allow: 'dpo_export.run',
    async handler({ query, ctx }) {
      return ctx.read('dpo_export.viewed', async (trx, audit) => {
        let q = trx.selectFrom('dpo_exports').select(COLUMNS)
        if (query.requestId) q = q.where('request_id', '=', query.requestId)
        const rows = await q
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(query.requestId ? 50 : 100)
          .execute()
        if (query.requestId) audit.subject('dpo_request', query.requestId)
        audit.shows(rows.map((r) => r.person_id))
        return { items: await present(trx, rows) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dpo/exports/:id',
    summary: "DPO: an export's progress and the third parties' spots to review before release",
    tags: ['dpo'],
    params: IdParams,
    response: DpoExportView,
    allow: 'dpo_export.run',
    async handler({ params, ctx }) {
      return ctx.read('dpo_export.viewed', async (trx, audit) => {
        const row = await trx.selectFrom('dpo_exports').select(COLUMNS).where('id', '=', params.id).executeTakeFirst()
        if (!row) throw fail('resource.not_found')
        audit.subject('person', row.person_id).detail({ exportId: row.id })
        const [view] = await present(trx, [row])
        return view!
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dpo/exports/:id/download',
    summary: 'DPO: download the archive once (JSON, PDF, documents); it is deleted as it is given',
    tags: ['dpo'],
    params: IdParams,
    allow: 'dpo_export.run',
    async handler({ params, ctx, reply }) {
      const archive = await ctx.write('dpo_export.downloaded', async (trx, audit) => {
        const row = await trx
          .selectFrom('dpo_exports')
          .select(['id', 'person_id', 'ready_at', 'downloaded_at', 'archive', 'archive_key_sealed'])
          .where('id', '=', params.id)
          .executeTakeFirst()
        if (!row) throw fail('resource.not_found')
        audit.subject('person', row.person_id).detail({ exportId: row.id })
        if (row.downloaded_at) throw fail('export.already_downloaded')
        if (!row.ready_at || !row.archive) throw fail('state.invalid_transition')
        const key = await ctx.codec.personKey(trx, row.person_id)
        const { archive_key } = ctx.codec.openRow('dpo_exports', key, row.id, row)
        if (!archive_key) throw fail('state.invalid_transition')
        const plain = openBytes(Buffer.from(archive_key, 'base64'), Buffer.from(row.archive), archiveAad(row.id))
        // Given once: the sealed archive and its key go in the same transaction as the entry.
        const taken = await trx
          .updateTable('dpo_exports')
          .set({
            archive: null,
            archive_key_sealed: null,
            downloaded_at: new Date().toISOString(),
            downloaded_by: ctx.user.userId,
          })
          .where('id', '=', row.id)
          .where('downloaded_at', 'is', null)
          .executeTakeFirst()
        if (Number(taken.numUpdatedRows) !== 1) throw fail('export.already_downloaded')
        return plain
      })
      reply.header('Content-Type', 'application/zip')
      reply.header('Content-Length', archive.length)
      reply.header('Content-Disposition', `attachment; filename="export-${params.id.slice(0, 8)}.zip"`)
      reply.header('Cache-Control', 'no-store')
      return archive
    },
  }),
]
