import { CaseRelativeInput, CaseRelatives, CaseRelativeView, RelativeParams } from '../../../common/contracts/case-relatives.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { addRelative, updateRelative } from './case-relatives.commands'
import { relativesOf } from './case-relatives.queries'

export const caseRelativeRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/relatives',
    summary: 'Relatives involved in the case, and the related cases about the same concerned person the caller may see',
    tags: ['accompaniments'],
    params: IdParams,
    response: CaseRelatives,
    allow: 'accompaniment.read',
    access: 'read',
    action: 'case_relative.listed',
    async handler({ acc, trx, audit, ctx }) {
      return relativesOf(ctx, trx, acc, audit)
    },
  }),
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/relatives',
    summary: "Involve a relative in the case, with the client's consent recorded",
    tags: ['accompaniments'],
    params: IdParams,
    body: CaseRelativeInput,
    response: CaseRelativeView,
    status: 201,
    allow: 'accompaniment.update',
    access: 'change',
    action: 'case_relative.added',
    async handler({ acc, trx, audit, body, ctx, reply }) {
      const id = await addRelative(ctx, trx, acc, body)
      audit.subject('case_relative', id).detail({ accompanimentId: acc.id, involvement: body.involvement })
      const [view] = (await relativesOf(ctx, trx, acc, audit, id)).items
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, 1)
      return view
    },
  }),
  defineCaseRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id/relatives/:relativeId',
    summary: "Change a relative's involvement or consent, or record that it ended (If-Match required)",
    tags: ['accompaniments'],
    params: RelativeParams,
    body: CaseRelativeInput,
    response: CaseRelativeView,
    allow: 'accompaniment.update',
    access: 'change',
    action: 'case_relative.updated',
    async handler({ acc, trx, audit, params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      audit.subject('case_relative', params.relativeId).detail({ accompanimentId: acc.id })
      await updateRelative(ctx, trx, acc, params.relativeId, version, body)
      const [view] = (await relativesOf(ctx, trx, acc, audit, params.relativeId)).items
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
]
