import {
  ResearcherList,
  StudyDecisionInput,
  StudyInput,
  StudyList,
  StudyParams,
  StudyView,
} from '../../../common/contracts/studies.contracts'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { closeStudy, createStudy, decideStudy, researcherUsers, submitStudy, updateStudy } from './studies.commands'
import { loadStudy, presentStudies, visibleStudies } from './studies.queries'

/** Issue 14: studies, registered by a team's lead, decided by the DPO, read by their researchers. */
export const studyRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/studies',
    summary: "Studies the user may read: the DPO's all, a lead's their teams', a researcher's those they are named on",
    tags: ['studies'],
    response: StudyList,
    allow: 'study.read',
    async handler({ ctx }) {
      return ctx.read('study.listed', async (trx) => {
        const rows = await visibleStudies(trx, ctx.user)
          .selectAll('studies')
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(200)
          .execute()
        return { items: await presentStudies(trx, rows) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/studies/researchers',
    summary: 'Lead: the researcher accounts a study can name (id and display name)',
    tags: ['studies'],
    response: ResearcherList,
    allow: 'study.manage',
    async handler({ ctx }) {
      return ctx.read('study.researchers_listed', async (trx) => {
        const users = await researcherUsers(trx)
        return { items: users.map((u) => ({ id: u.id, displayName: u.display_name })) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/studies',
    summary: 'Lead: register a study of one of their teams, as a draft',
    tags: ['studies'],
    body: StudyInput,
    response: StudyView,
    status: 201,
    allow: 'study.manage',
    async handler({ ctx, body, reply }) {
      const view = await ctx.write('study.created', async (trx, audit) => {
        const id = await createStudy(trx, ctx.user, body, ctx.now())
        audit.subject('study', id).detail({ variables: body.variables.length, researchers: body.researcherIds.length })
        return loadStudy(trx, ctx.user, id)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/studies/:studyId',
    summary: 'One study the user may read',
    tags: ['studies'],
    params: StudyParams,
    response: StudyView,
    allow: 'study.read',
    async handler({ ctx, params, reply }) {
      const view = await ctx.read('study.viewed', async (trx, audit) => {
        audit.subject('study', params.studyId)
        return loadStudy(trx, ctx.user, params.studyId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/studies/:studyId',
    summary: 'Lead: change a draft study (If-Match)',
    tags: ['studies'],
    params: StudyParams,
    body: StudyInput,
    response: StudyView,
    allow: 'study.manage',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('study.updated', async (trx, audit) => {
        audit.subject('study', params.studyId).detail({ variables: body.variables.length, researchers: body.researcherIds.length })
        await updateStudy(trx, ctx.user, params.studyId, expected, body)
        return loadStudy(trx, ctx.user, params.studyId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/studies/:studyId/submit',
    summary: "Lead: submit a draft study to the DPO's decision (If-Match)",
    tags: ['studies'],
    params: StudyParams,
    response: StudyView,
    allow: 'study.manage',
    async handler({ ctx, params, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('study.submitted', async (trx, audit) => {
        audit.subject('study', params.studyId)
        await submitStudy(trx, ctx.user, params.studyId, expected)
        return loadStudy(trx, ctx.user, params.studyId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/studies/:studyId/decision',
    summary: 'DPO: approve or refuse a submitted study, with a note; not one they registered or work on (If-Match)',
    tags: ['studies'],
    params: StudyParams,
    body: StudyDecisionInput,
    response: StudyView,
    allow: 'study.decide',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('study.decided', async (trx, audit) => {
        audit.subject('study', params.studyId).detail({ decision: body.decision })
        await decideStudy(trx, ctx.user, params.studyId, expected, body, ctx.now())
        return loadStudy(trx, ctx.user, params.studyId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/studies/:studyId/close',
    summary: "Team's lead or DPO: close an approved study; its extracts' files are deleted, their register stays (If-Match)",
    tags: ['studies'],
    params: StudyParams,
    response: StudyView,
    allow: 'study.close',
    async handler({ ctx, params, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('study.closed', async (trx, audit) => {
        audit.subject('study', params.studyId)
        const purged = await closeStudy(trx, ctx.user, params.studyId, expected, ctx.now())
        audit.detail({ extractsDeleted: purged })
        return loadStudy(trx, ctx.user, params.studyId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
]
