import type { LifeDomain, Perspective } from '../../../common/contracts/desistance.contracts'
import type { InferResult } from 'kysely'
import type { AssessmentDetail, AssessmentSummary, AssessmentView } from '../../../common/contracts/instruments.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, rowsOf } from '../../security/case-access'
import { PROGRESS_REVIEW_CODE } from '../instruments/builtin'
import { definitionOf, latestVersionNumbers } from '../instruments/instruments.queries'

function baseQuery(trx: Trx, acc: OpenedCase) {
  return rowsOf(trx, acc, 'assessments')
    .innerJoin('instrument_versions', 'instrument_versions.id', 'assessments.instrument_version_id')
    .innerJoin('users', 'users.id', 'assessments.created_by')
    .leftJoin('users as editors', 'editors.id', 'assessments.updated_by')
    .select([
      'assessments.id',
      'assessments.accompaniment_id',
      'assessments.instrument_id',
      'assessments.instrument_version_id',
      'instrument_versions.version as instrument_version',
      'assessments.taken_on',
      'assessments.answers_sealed',
      'assessments.created_by',
      'users.display_name',
      'assessments.created_at',
      'assessments.updated_at',
      'assessments.updated_by',
      'editors.display_name as updated_by_name',
      'assessments.version',
    ])
}

type AnswerSetRow = InferResult<ReturnType<typeof baseQuery>>[number]

/** Answer sets of one opened case, newest first. */
export async function assessmentsOf(
  ctx: RequestContext,
  trx: Trx,
  acc: OpenedCase,
  filter: { instrument?: string; id?: string } = {},
): Promise<AssessmentView[]> {
  const rows = await answerSetRows(trx, acc, filter)
  if (rows.length === 0) return []
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const latest = await latestVersionNumbers(trx)
  return rows.map((r) => ({ ...summaryOf(r, latest), answers: ctx.codec.openRow('assessments', key, r.id, r).answers }))
}

/** The same without the answers, for lists: nothing is decrypted. */
export async function assessmentSummaries(trx: Trx, acc: OpenedCase, filter: { instrument?: string } = {}): Promise<AssessmentSummary[]> {
  const rows = await answerSetRows(trx, acc, filter)
  if (rows.length === 0) return []
  const latest = await latestVersionNumbers(trx)
  return rows.map((r) => summaryOf(r, latest))
}

function answerSetRows(trx: Trx, acc: OpenedCase, filter: { instrument?: string; id?: string }) {
  let q = baseQuery(trx, acc)
  if (filter.instrument) q = q.where('assessments.instrument_id', '=', filter.instrument)
  if (filter.id) q = q.where('assessments.id', '=', filter.id)
  return q.orderBy('assessments.taken_on', 'desc').orderBy('assessments.created_at', 'desc').limit(500).execute()
}

function summaryOf(r: AnswerSetRow, latest: Map<string, number>): AssessmentSummary {
  return {
    id: r.id,
    accompanimentId: r.accompaniment_id,
    instrument: r.instrument_id,
    instrumentVersionId: r.instrument_version_id,
    instrumentVersion: r.instrument_version,
    latestVersion: latest.get(r.instrument_id) ?? r.instrument_version,
    takenOn: r.taken_on,
    createdBy: r.created_by,
    createdByName: r.display_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    // A row written before 0038 by code that did not know the column: its author changed it last.
    updatedBy: r.updated_by ?? r.created_by,
    updatedByName: r.updated_by_name ?? r.display_name,
    version: r.version,
  }
}

/** One answer set with the definition of its own version, so that an old set renders as given. */
export async function assessmentDetail(ctx: RequestContext, trx: Trx, acc: OpenedCase, id: string): Promise<AssessmentDetail | undefined> {
  const [view] = await assessmentsOf(ctx, trx, acc, { id })
  if (!view) return undefined
  const row = await trx
    .selectFrom('instrument_versions')
    .select(['id', 'definition'])
    .where('id', '=', view.instrumentVersionId)
    .executeTakeFirstOrThrow()
  return { ...view, definition: definitionOf(row.id, row.definition) }
}

export type ReviewPoint = {
  assessmentId: string
  takenOn: string
  scores: Partial<Record<LifeDomain, Partial<Record<Perspective, number>>>>
}

/**
 * The progress reviews of a case, oldest first, as scores per life domain and perspective — for
 * the overview charts. Any version counts: scores are placed by each scale item's `domain`.
 * One query and one key fetch, whatever the number of reviews.
 */
export async function reviewSeries(ctx: RequestContext, trx: Trx, acc: OpenedCase): Promise<ReviewPoint[]> {
  const rows = await rowsOf(trx, acc, 'assessments')
    .innerJoin('instrument_versions', 'instrument_versions.id', 'assessments.instrument_version_id')
    .select([
      'assessments.id',
      'assessments.taken_on',
      'assessments.answers_sealed',
      'instrument_versions.id as version_id',
      'instrument_versions.definition',
    ])
    .where('assessments.instrument_id', '=', PROGRESS_REVIEW_CODE)
    .orderBy('assessments.taken_on', 'asc')
    .orderBy('assessments.created_at', 'asc')
    .execute()
  if (rows.length === 0) return []
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows.map((r) => {
    const answers = ctx.codec.openRow('assessments', key, r.id, r).answers
    const scores: ReviewPoint['scores'] = {}
    for (const section of definitionOf(r.version_id, r.definition).sections) {
      for (const item of section.items) {
        if (item.type !== 'scale' || !item.domain) continue
        const answer = answers[item.key]
        const point: Partial<Record<Perspective, number>> = {}
        if (typeof answer?.worker === 'number') point.worker = answer.worker
        if (typeof answer?.person === 'number') point.person = answer.person
        if (Object.keys(point).length) scores[item.domain] = { ...scores[item.domain], ...point }
      }
    }
    return { assessmentId: r.id, takenOn: r.taken_on, scores }
  })
}
