import { AccompanimentView, UpdateAccompaniment } from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineCaseRoute } from '../../http/case-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { reloadCase } from './accompaniments.view'
import { updateDetails } from './details.commands'

export const detailsRoutes = [
  defineCaseRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id',
    summary: 'Change the situation and the framework of a case: mandate, authority, conditions, reporting (If-Match required)',
    tags: ['accompaniments'],
    params: IdParams,
    body: UpdateAccompaniment,
    response: AccompanimentView,
    allow: 'accompaniment.update',
    access: 'change',
    action: 'accompaniment.updated',
    async handler({ acc, trx, audit, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      audit.detail({ framework: body.framework.framework })
      await updateDetails(ctx, trx, acc, version, body)
      const view = await reloadCase(ctx, trx, acc.id)
      sendVersion(reply, view.version)
      return view
    },
  }),
]
