import { IdParams } from '../../../common/contracts/shared.contracts'
import {
  AssessmentDetail,
  AssessmentInput,
  AssessmentList,
  AssessmentListQuery,
  AssessmentParams,
  AssessmentUpdate,
} from '../../../common/contracts/instruments.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { createAssessment, updateAssessment } from './assessments.commands'
import { assessmentDetail, assessmentSummaries } from './assessments.queries'

export const assessmentRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/assessments',
    summary: 'Answer sets of a case (motivations, reviews…), newest first: who, when and in which version; the answers come with one set',
    tags: ['assessments'],
    params: IdParams,
    query: AssessmentListQuery,
    response: AssessmentList,
    allow: 'desistance.read',
    access: 'read',
    action: 'assessment.listed',
    async handler({ acc, trx, audit, query }) {
      audit.detail(query.instrument ? { instrument: query.instrument } : {})
      return { items: await assessmentSummaries(trx, acc, { instrument: query.instrument }) }
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/assessments',
    summary: "Record an answer set in the instrument's latest version",
    tags: ['assessments'],
    params: IdParams,
    body: AssessmentInput,
    response: AssessmentDetail,
    status: 201,
    allow: 'desistance.write',
    access: 'change',
    action: 'assessment.created',
    async handler({ acc, trx, audit, body, ctx, reply }) {
      const { id, version } = await createAssessment(ctx, trx, acc, body)
      audit.subject('assessment', id).detail({ accompanimentId: acc.id, instrument: body.instrument, version })
      const view = await assessmentDetail(ctx, trx, acc, id)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, 1)
      return view
    },
  }),
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/assessments/:assessmentId',
    summary: 'One answer set, with the definition of the instrument version it was given in',
    tags: ['assessments'],
    params: AssessmentParams,
    response: AssessmentDetail,
    allow: 'desistance.read',
    access: 'read',
    action: 'assessment.viewed',
    async handler({ acc, trx, audit, params, ctx, reply }) {
      const found = await assessmentDetail(ctx, trx, acc, params.assessmentId)
      if (!found) throw fail('resource.not_found')
      audit
        .subject('assessment', found.id)
        .detail({ accompanimentId: acc.id, instrument: found.instrument, version: found.instrumentVersion })
      sendVersion(reply, found.version)
      return found
    },
  }),
  defineCaseRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/assessments/:assessmentId',
    summary: 'Change the answers or the date of an answer set (If-Match required); its version stays',
    tags: ['assessments'],
    params: AssessmentParams,
    body: AssessmentUpdate,
    response: AssessmentDetail,
    allow: 'desistance.write',
    access: 'change',
    action: 'assessment.updated',
    async handler({ acc, trx, audit, params, body, ctx, request, reply }) {
      const expected = expectedVersion(request)
      const { instrument, version } = await updateAssessment(ctx, trx, acc, params.assessmentId, expected, body)
      audit.subject('assessment', params.assessmentId).detail({ accompanimentId: acc.id, instrument, version })
      const view = await assessmentDetail(ctx, trx, acc, params.assessmentId)
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
]
