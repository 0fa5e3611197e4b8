import crypto from 'node:crypto'
import { ExtractFileParams, ExtractInput, ExtractList, ExtractView } from '../../../common/contracts/study-extracts.contracts'
import { StudyParams } from '../../../common/contracts/studies.contracts'
import { toJson } from '../../db/json'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { enqueue } from '../../jobs/jobs.queue'
import { openBytes } from '../../security/aead'
import { serviceToday } from '../../time/service-day'
import { studyExtractJob } from './extract.job'
import { extractFileAad, extractKeyAad } from './extract.seal'
import { listExtracts, studyToExtract } from './extracts.queries'

const FILES = {
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
  dictionary: { type: 'application/json; charset=utf-8', ext: 'json' },
} as const

/** Issue 14: extracts of an approved study, taken and downloaded by its researchers and the DPO. */
export const extractRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/studies/:studyId/extracts',
    summary:
      'Researcher of the study or DPO: take an extract (generalised, pseudonymised, k-anonymous) while the approved study runs; a background job makes its files, its progress is in the list',
    tags: ['studies'],
    params: StudyParams,
    body: ExtractInput,
    response: ExtractView,
    status: 201,
    allow: 'study.extract',
    async handler({ ctx, params, body }) {
      return ctx.write('study.extract_created', async (trx, audit) => {
        audit.subject('study', params.studyId)
        const now = ctx.now()
        const study = await studyToExtract(trx, ctx.user, params.studyId, serviceToday(now))
        const id = crypto.randomUUID()
        // The files are made by a job (extract.job.ts); the register row is there at once, empty.
        // One extract of a study in the making at a time: another click, or a colleague's, would
        // make the same files again. The job queue's unique key holds it, concurrent requests included.
        const jobId = await enqueue(trx, studyExtractJob, { extractId: id }, { dedupeKey: `study-extract:${study.id}` })
        if (!jobId) throw fail('study.extract_in_progress')
        await trx
          .insertInto('study_extracts')
          .values({
            id,
            study_id: study.id,
            created_by: ctx.user.userId,
            created_at: now,
            language: body.language,
            variables: toJson(study.variables),
            records: 0,
            dropped: 0,
            k: study.k,
            key_sealed: '',
            job_id: jobId,
          })
          .execute()
        audit.detail({ studyId: study.id, extractId: id, variables: study.variables })
        const [view] = (await listExtracts(trx, ctx.user, study.id)).filter((e) => e.id === id)
        if (!view) throw fail('server.error')
        return view
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/studies/:studyId/extracts',
    summary: "Researcher of the study or DPO: the study's extracts (who, when, variables, records, dropped)",
    tags: ['studies'],
    params: StudyParams,
    response: ExtractList,
    allow: 'study.extract',
    async handler({ ctx, params }) {
      return ctx.read('study.extracts_listed', async (trx, audit) => {
        audit.subject('study', params.studyId)
        return { items: await listExtracts(trx, ctx.user, params.studyId) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/studies/:studyId/extracts/:extractId/:format',
    summary: 'Researcher of the study or DPO: download an extract as CSV, XLSX or its data dictionary, while the study runs',
    tags: ['studies'],
    params: ExtractFileParams,
    allow: 'study.extract',
    async handler({ ctx, params, reply }) {
      const file = await ctx.read('study.extract_downloaded', async (trx, audit) => {
        audit.subject('study', params.studyId).detail({ studyId: params.studyId, extractId: params.extractId, format: params.format })
        await studyToExtract(trx, ctx.user, params.studyId, serviceToday(ctx.now()))
        const row = await trx
          .selectFrom('study_extracts')
          .select(['id', 'key_sealed', 'purged_at', 'ready_at'])
          .where('id', '=', params.extractId)
          .where('study_id', '=', params.studyId)
          .executeTakeFirst()
        if (!row) throw fail('resource.not_found')
        // Deleted files are only of closed or ended studies, which the line above refuses already.
        if (row.purged_at !== null) throw fail('study.not_extractable')
        if (row.ready_at === null) throw fail('study.extract_not_ready')
        const stored = await trx
          .selectFrom('study_extract_files')
          .select('sealed')
          .where('extract_id', '=', row.id)
          .where('format', '=', params.format)
          .executeTakeFirst()
        if (!stored) throw fail('resource.not_found')
        const key = Buffer.from(ctx.codec.openSecret(row.key_sealed, extractKeyAad(row.id)), 'base64')
        return openBytes(key, Buffer.from(stored.sealed), extractFileAad(row.id, params.format))
      })
      const { type, ext } = FILES[params.format]
      const name =
        params.format === 'dictionary'
          ? `extract-${params.extractId.slice(0, 8)}-dictionary.${ext}`
          : `extract-${params.extractId.slice(0, 8)}.${ext}`
      reply.header('Content-Type', type)
      reply.header('Content-Length', file.length)
      reply.header('Content-Disposition', `attachment; filename="${name}"`)
      reply.header('Cache-Control', 'no-store')
      return file
    },
  }),
]
