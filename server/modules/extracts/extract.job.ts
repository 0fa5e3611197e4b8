import crypto from 'node:crypto'
import { z } from 'zod'
import type { StudyView } from '../../../common/contracts/studies.contracts'
import type { ExtractFormat } from '../../../common/contracts/study-extracts.contracts'
import type { Trx } from '../../http/context'
import { withPageCache } from '../../jobs/page-cache'
import { defineJob, JobError, type RunningJob } from '../../jobs/job.definition'
import { sealBytes, sealParts } from '../../security/aead'
import { studyCaseCount } from '../../security/study-door'
import { serviceToday } from '../../time/service-day'
import { extractableStudy } from '../studies/studies.queries'
import { grantsOf } from '../users/users.commands'
import { toDictionary } from './extract.dictionary'
import { EXTRACT_PAGE, type ExtractRecord, finishExtract, readExtractPage, studyPseudonymKey } from './extract.engine'
import { toCsv, toXlsx } from './extract.outputs'
import { extractFileAad, extractKeyAad } from './extract.seal'

/**
 * SQLite's page cache while a page of the extract is read (jobs/page-cache.ts): the walk reads each
 * page of the team's index, cases and sessions once, and through the full 64 MiB cache it grew the
 * freshly started built server by about 60 MB (120,000 cases: peak 326-337 MB without; 280-287 MB
 * with 16 MiB; 260-284 MB with 8 MiB, and 280-285 MB on a server whose cache was full before). The
 * extract took as long each way. The service's requests between two pages have the whole cache.
 */
const EXTRACT_PAGE_CACHE_KIB = 8 * 1024

/**
 * Makes the files of a registered extract (issue 14), away from the request that asked for it.
 * The team's cases are read a page at a time, each page a transaction of its own with its `read`
 * entry naming the persons whose birth year it opened: on SQLite the other requests of the
 * service run between two pages instead of waiting for the whole extract. k-anonymity needs every
 * record, so the records of the pages are kept (generalised values and pseudonyms only) until the
 * last; the files are written outside any transaction and stored sealed in one write.
 *
 * Before reading, and again when storing, the job checks that the study is still extractable by
 * whoever asked (approved, within its dates, they still on it): otherwise it stores nothing and
 * records why. Safe to repeat: an extract already stored, purged or given up is left as it is.
 */
export const studyExtractJob = defineJob({
  kind: 'study.extract',
  payload: z.object({
    extractId: z.uuid(),
    /** Cases per page when not the default: smaller pages hold each transaction shorter still. */
    pageSize: z.number().int().min(1).max(EXTRACT_PAGE).optional(),
  }),
  maxAttempts: 3,
  backoffMs: 10_000,
  // Every record is held until k-anonymity is checked: two extracts at once would double the peak.
  alone: true,
  async handler(job) {
    const { extractId } = job.payload
    const pageSize = job.payload.pageSize ?? EXTRACT_PAGE
    const start = await job.read('study.extract_started', async (trx, audit) => {
      const extract = await pendingExtract(trx, extractId)
      if (!extract) return null
      audit.subject('study', extract.study_id).detail({ studyId: extract.study_id, extractId })
      const study = await studyFor(trx, extract)
      if (!study) return { extract, study: null, total: 0 }
      return { extract, study, total: await studyCaseCount(trx, study.teamId) }
    })
    if (!start) return
    const { extract, study } = start
    if (!study) return abandon(job, extract, 'study.not_extractable')
    // Pages to read (at least one), then the files, then storing them.
    let steps = Math.max(1, Math.ceil(start.total / pageSize)) + 2
    await job.progress(0, steps)

    const pseudonymKey = studyPseudonymKey(job.services.auditKey, study.id)
    const records: ExtractRecord[] = []
    let after: { createdAt: string; id: string } | null = null
    let page = 0
    do {
      page += 1
      const read: Awaited<ReturnType<typeof readExtractPage>> = await job.read('study.extract_read', async (trx, audit) => {
        audit.subject('study', study.id)
        const result = await withPageCache(trx, job.services.kind, EXTRACT_PAGE_CACHE_KIB, () =>
          readExtractPage(trx, job.codec, study, pseudonymKey, { after, limit: pageSize }),
        )
        audit.detail({ studyId: study.id, extractId, page, records: result.records.length })
        return result
      })
      for (const r of read.records) records.push(r)
      after = read.next
      // Cases opened while the job reads may add a page, erased ones remove one.
      steps = after === null ? page + 2 : Math.max(steps, page + 3)
      await job.progress(page, steps)
    } while (after !== null)

    const result = finishExtract(records, study)
    records.length = 0
    const key = crypto.randomBytes(32)
    const files = {
      // Each file sealed part by part as it is made, never held both plain and sealed.
      csv: sealParts(key, await toCsv(result), extractFileAad(extractId, 'csv')),
      xlsx: sealParts(key, await toXlsx(result), extractFileAad(extractId, 'xlsx')),
      dictionary: sealBytes(
        key,
        toDictionary(result, { studyTitle: study.title, language: extract.language, createdAt: extract.created_at }),
        extractFileAad(extractId, 'dictionary'),
      ),
    }
    await job.progress(page + 1, steps)

    const stored = await job.write('study.extract_stored', async (trx, audit) => {
      audit.subject('study', study.id)
      // The study may have closed, or the researcher left it, while the pages were read.
      if (!(await pendingExtract(trx, extractId))) return 'gone'
      if (!(await studyFor(trx, extract))) return 'refused'
      await trx
        .updateTable('study_extracts')
        .set({
          records: result.records.length,
          dropped: result.dropped,
          key_sealed: job.codec.sealSecret(key.toString('base64'), extractKeyAad(extractId)),
          ready_at: new Date().toISOString(),
        })
        .where('id', '=', extractId)
        .where('ready_at', 'is', null)
        .where('purged_at', 'is', null)
        .execute()
      await trx
        .insertInto('study_extract_files')
        .values(Object.entries(files).map(([format, sealed]) => ({ extract_id: extractId, format: format as ExtractFormat, sealed })))
        .execute()
      audit.detail({
        studyId: study.id,
        extractId,
        requestedBy: extract.created_by,
        variables: result.variables,
        records: result.records.length,
        dropped: result.dropped,
      })
      return 'stored'
    })
    if (stored === 'refused') return abandon(job, extract, 'study.not_extractable')
    await job.progress(steps, steps)
  },
})

/** The extract when its files are still to make: not stored, purged nor given up. */
async function pendingExtract(trx: Trx, extractId: string) {
  const row = await trx
    .selectFrom('study_extracts')
    .select(['id', 'study_id', 'created_by', 'created_at', 'language', 'ready_at', 'purged_at', 'failure'])
    .where('id', '=', extractId)
    .executeTakeFirst()
  if (!row) throw new JobError('extract.missing')
  return row.ready_at === null && row.purged_at === null && row.failure === null ? row : null
}

/** The study, while whoever asked for the extract may still take one of it today. */
async function studyFor(trx: Trx, extract: { study_id: string; created_by: string }): Promise<StudyView | null> {
  const user = await trx.selectFrom('users').select(['id', 'disabled']).where('id', '=', extract.created_by).executeTakeFirst()
  if (!user || user.disabled) return null
  const { roles } = await grantsOf(trx, user.id)
  return extractableStudy(trx, { userId: user.id, roles }, extract.study_id, serviceToday(new Date()))
}

/** Gives up for good, saying why in the register: retrying would meet the same refusal. */
async function abandon(
  job: RunningJob<{ extractId: string; pageSize?: number | undefined }>,
  extract: { id: string; study_id: string },
  failure: string,
) {
  await job.write('study.extract_abandoned', async (trx, audit) => {
    audit.subject('study', extract.study_id).detail({ studyId: extract.study_id, extractId: extract.id, failure })
    await trx
      .updateTable('study_extracts')
      .set({ failure })
      .where('id', '=', extract.id)
      .where('ready_at', 'is', null)
      .where('failure', 'is', null)
      .execute()
  })
}
