import type { ExtractView } from '../../../common/contracts/study-extracts.contracts'
import type { StudyView } from '../../../common/contracts/studies.contracts'
import { fromJson } from '../../db/json'
import type { Actor, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { jobsById, workOf } from '../../jobs/job-progress'
import { extractableStudy } from '../studies/studies.queries'

type Extractor = Pick<Actor, 'userId' | 'roles'>

/** Whether the user is one the study's extracts are for: the DPO, or a researcher named on it. */
async function extractsAreFor(trx: Trx, user: Extractor, studyId: string): Promise<boolean> {
  const study = await trx.selectFrom('studies').select('id').where('id', '=', studyId).executeTakeFirst()
  if (!study) return false
  if (user.roles.includes('dpo')) return true
  if (!user.roles.includes('researcher')) return false
  const named = await trx
    .selectFrom('study_researchers')
    .select('user_id')
    .where('study_id', '=', studyId)
    .where('user_id', '=', user.userId)
    .executeTakeFirst()
  return Boolean(named)
}

/**
 * The study, when the user may take or download an extract of it today: 404 when the study is not
 * theirs (whether it exists is not told), 409 `study.not_extractable` when it is theirs but not
 * approved or outside its dates.
 */
export async function studyToExtract(trx: Trx, user: Extractor, studyId: string, today: string): Promise<StudyView> {
  const study = await extractableStudy(trx, user, studyId, today)
  if (study) return study
  if (await extractsAreFor(trx, user, studyId)) throw fail('study.not_extractable')
  throw fail('resource.not_found')
}

/** The register of a study's extracts, for whom they are for, whatever the study's state. */
export async function listExtracts(trx: Trx, user: Extractor, studyId: string): Promise<ExtractView[]> {
  if (!(await extractsAreFor(trx, user, studyId))) throw fail('resource.not_found')
  const rows = await trx
    .selectFrom('study_extracts')
    .innerJoin('users', 'users.id', 'study_extracts.created_by')
    .select([
      'study_extracts.id',
      'study_extracts.study_id',
      'study_extracts.created_by',
      'users.display_name',
      'study_extracts.created_at',
      'study_extracts.language',
      'study_extracts.variables',
      'study_extracts.records',
      'study_extracts.dropped',
      'study_extracts.k',
      'study_extracts.purged_at',
      'study_extracts.job_id',
      'study_extracts.ready_at',
      'study_extracts.failure',
    ])
    .where('study_extracts.study_id', '=', studyId)
    .orderBy('study_extracts.created_at', 'desc')
    .orderBy('study_extracts.id')
    .limit(200)
    .execute()
  const jobs = await jobsById(
    trx,
    rows.map((r) => (r.ready_at ? null : r.job_id)),
  )
  return rows.map((r) => {
    // Files deleted before they were made: the study closed or ended while the extract waited.
    const failure = r.failure ?? (!r.ready_at && r.purged_at ? 'study.not_extractable' : null)
    const { state, progress } = workOf(r.job_id ? jobs.get(r.job_id) : undefined, { ready: r.ready_at !== null, failed: failure !== null })
    return {
      id: r.id,
      studyId: r.study_id,
      createdBy: { id: r.created_by, displayName: r.display_name },
      createdAt: r.created_at,
      language: r.language,
      variables: fromJson(r.variables),
      records: Number(r.records),
      dropped: Number(r.dropped),
      k: Number(r.k),
      purgedAt: r.purged_at,
      state,
      progress: state === 'failed' ? null : progress,
      failure: failure ?? (state === 'failed' ? 'extract.failed' : null),
      readyAt: r.ready_at,
    }
  })
}
