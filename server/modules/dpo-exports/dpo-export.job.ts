import crypto from 'node:crypto'
import { z } from 'zod'
import { SubjectExportDocument } from '../../../common/contracts/dpo-exports.contracts'
import { toJson } from '../../db/json'
import { defineJob, JobError } from '../../jobs/job.definition'
import { sealBytes } from '../../security/aead'
import { EXPORT_COVERAGE, gatherSubject } from '../../security/subject-export'
import { renderExportPdf } from './export.pdf'
import { zipStore } from './zip.writer'

/** The steps a job reports: started, gathered (in one read), the JSON and the PDF, sealed, stored. */
export const EXPORT_STEPS = 4

/** Associated data of a sealed archive: its export id, so that an archive cannot be swapped for another. */
export const archiveAad = (exportId: string) => `dpo_exports.archive:${exportId}`

/**
 * Gathers everything about the person of an export (one audited read naming them: the export is
 * a read of all their data), writes the JSON and the PDF into one archive, seals it under a fresh
 * key itself sealed with the person's key, and stores it in the export's row. Safe to repeat: an
 * export already stored (or downloaded) is left as it is.
 */
export const dpoExportJob = defineJob({
  kind: 'dpo.export',
  payload: z.object({ exportId: z.uuid() }),
  maxAttempts: 3,
  backoffMs: 10_000,
  async handler(job) {
    const { exportId } = job.payload
    await job.progress(0, EXPORT_STEPS)
    const data = await job.read('dpo_export.gathered', async (trx, audit) => {
      const row = await trx.selectFrom('dpo_exports').selectAll().where('id', '=', exportId).executeTakeFirst()
      if (!row) throw new JobError('export.missing')
      if (row.ready_at !== null) return null
      audit.subject('person', row.person_id).detail({ exportId, requestId: row.request_id })
      const request = await trx.selectFrom('dpo_requests').select(['id', 'kind']).where('id', '=', row.request_id).executeTakeFirstOrThrow()
      // Progress is told between transactions, never inside one: on SQLite the job's row could not
      // be written while this read holds the database.
      const subject = await gatherSubject(trx, job.codec, job.services, row.person_id)
      audit.detail({ rows: Object.values(subject.sections).reduce((n, rows) => n + rows.length, 0), files: subject.files.length })
      return { row, request, subject }
    })
    if (!data) return
    await job.progress(1, EXPORT_STEPS)
    const { row, request, subject } = data
    const document = SubjectExportDocument.parse({
      schema: 'parcours.subject-export/1',
      generatedAt: new Date().toISOString(),
      request: { id: request.id, kind: request.kind },
      language: subject.language,
      person: subject.person,
      sections: subject.sections,
      accessLog: subject.accessLog,
      thirdParties: subject.thirdParties,
      coverage: Object.entries(EXPORT_COVERAGE).map(([table, c]) => ({ table, ...c })),
    })
    await job.progress(2, EXPORT_STEPS)
    const pdf = await renderExportPdf(document)
    const archive = zipStore([
      { name: 'export.json', bytes: Buffer.from(JSON.stringify(document, null, 2)) },
      { name: 'export.pdf', bytes: pdf },
      ...subject.files,
    ])
    await job.progress(3, EXPORT_STEPS)
    const archiveKey = crypto.randomBytes(32)
    const sealed = sealBytes(archiveKey, archive, archiveAad(exportId))
    const counts = Object.fromEntries(Object.entries(subject.sections).map(([t, rows]) => [t, rows.length]))
    await job.write('dpo_export.stored', async (trx, audit) => {
      audit.subject('person', row.person_id).detail({ exportId, size: sealed.length })
      const key = await job.codec.personKey(trx, row.person_id)
      const { archive_key_sealed } = job.codec.sealRow('dpo_exports', key, exportId, { archive_key: archiveKey.toString('base64') })
      await trx
        .updateTable('dpo_exports')
        .set({
          archive: sealed,
          archive_key_sealed,
          archive_size: archive.length,
          flagged: toJson(subject.thirdParties),
          counts: toJson(counts),
          ready_at: new Date().toISOString(),
        })
        .where('id', '=', exportId)
        .where('ready_at', 'is', null)
        .execute()
    })
    await job.progress(EXPORT_STEPS, EXPORT_STEPS)
  },
})
