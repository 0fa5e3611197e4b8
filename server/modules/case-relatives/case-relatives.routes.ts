import { CaseRelativeInput, CaseRelatives, CaseRelativeView, RelativeParams } from '../../../common/contracts/case-relatives.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { findVisibleAccompaniment } from '../accompaniments/accompaniments.queries'
import { addRelative, updateRelative } from './case-relatives.commands'
import { relativesOf } from './case-relatives.queries'

export const caseRelativeRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/relatives',
    summary: 'Relatives involved in the case, and the related cases about the same concerned person the caller may see',
    tags: ['accompaniments'],
    params: IdParams,
    response: CaseRelatives,
    allow: 'accompaniment.read',
    async handler({ params, ctx }) {
      return ctx.read('case_relative.listed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        return relativesOf(ctx, trx, acc)
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/relatives',
    summary: "Involve a relative in the case, with the client's consent recorded",
    tags: ['accompaniments'],
    params: IdParams,
    body: CaseRelativeInput,
    response: CaseRelativeView,
    status: 201,
    allow: 'accompaniment.update',
    async handler({ params, body, ctx, reply }) {
      return ctx.write('case_relative.added', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const id = await addRelative(ctx, trx, acc, body)
        audit.subject('case_relative', id).person(acc.person_id).detail({ accompanimentId: acc.id, involvement: body.involvement })
        const [view] = (await relativesOf(ctx, trx, acc, id)).items
        sendVersion(reply, 1)
        return view as CaseRelativeView
      })
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/relatives/:relativeId',
    summary: "Change a relative's involvement or consent, or record that it ended (If-Match required)",
    tags: ['accompaniments'],
    params: RelativeParams,
    body: CaseRelativeInput,
    response: CaseRelativeView,
    allow: 'accompaniment.update',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('case_relative.updated', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('case_relative', params.relativeId).person(acc.person_id).detail({ accompanimentId: acc.id })
        await updateRelative(ctx, trx, acc, params.relativeId, version, body)
        const [view] = (await relativesOf(ctx, trx, acc, params.relativeId)).items
        if (!view) throw fail('resource.not_found')
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
]
