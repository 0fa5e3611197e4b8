import { IdParams } from '../../../common/contracts/shared.contracts'
import {
  AssessmentDetail,
  AssessmentInput,
  AssessmentList,
  AssessmentListQuery,
  AssessmentParams,
  AssessmentUpdate,
} from '../../../common/contracts/instruments.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { findVisibleAccompaniment } from '../accompaniments/accompaniments.queries'
import { createAssessment, updateAssessment } from './assessments.commands'
import { assessmentDetail, assessmentSummaries } from './assessments.queries'

export const assessmentRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/assessments',
    summary: 'Answer sets of a case (motivations, reviews…), newest first, with their answers',
    tags: ['assessments'],
    params: IdParams,
    query: AssessmentListQuery,
    response: AssessmentList,
    allow: 'desistance.read',
    async handler({ params, query, ctx }) {
      return ctx.read('assessment.listed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit
          .subject('accompaniment', acc.id)
          .person(acc.person_id)
          .detail(query.instrument ? { instrument: query.instrument } : {})
        return { items: await assessmentSummaries(ctx, trx, acc, { instrument: query.instrument }) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/assessments',
    summary: "Record an answer set in the instrument's latest version",
    tags: ['assessments'],
    params: IdParams,
    body: AssessmentInput,
    response: AssessmentDetail,
    status: 201,
    allow: 'desistance.write',
    async handler({ params, body, ctx, reply }) {
      return ctx.write('assessment.created', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const { id, version } = await createAssessment(ctx, trx, acc, body)
        audit.subject('assessment', id).person(acc.person_id).detail({ accompanimentId: acc.id, instrument: body.instrument, version })
        sendVersion(reply, 1)
        return (await assessmentDetail(ctx, trx, acc, id)) as AssessmentDetail
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/assessments/:assessmentId',
    summary: 'One answer set, with the definition of the instrument version it was given in',
    tags: ['assessments'],
    params: AssessmentParams,
    response: AssessmentDetail,
    allow: 'desistance.read',
    async handler({ params, ctx, reply }) {
      const view = await ctx.read('assessment.viewed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const found = await assessmentDetail(ctx, trx, acc, params.assessmentId)
        if (!found) throw fail('resource.not_found')
        audit
          .subject('assessment', found.id)
          .person(acc.person_id)
          .detail({ accompanimentId: acc.id, instrument: found.instrument, version: found.instrumentVersion })
        return found
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/assessments/:assessmentId',
    summary: 'Change the answers or the date of an answer set (If-Match required); its version stays',
    tags: ['assessments'],
    params: AssessmentParams,
    body: AssessmentUpdate,
    response: AssessmentDetail,
    allow: 'desistance.write',
    async handler({ params, body, ctx, request, reply }) {
      const expected = expectedVersion(request)
      return ctx.write('assessment.updated', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const { instrument, version } = await updateAssessment(ctx, trx, acc, params.assessmentId, expected, body)
        audit.subject('assessment', params.assessmentId).person(acc.person_id).detail({ accompanimentId: acc.id, instrument, version })
        const view = (await assessmentDetail(ctx, trx, acc, params.assessmentId)) as AssessmentDetail
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
]
