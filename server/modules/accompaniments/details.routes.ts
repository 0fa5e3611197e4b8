import { AccompanimentView, UpdateAccompaniment } from '../../../common/contracts/accompaniments.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { findVisibleAccompaniment } from './accompaniments.queries'
import { loadAccompaniment } from './accompaniments.view'
import { updateDetails } from './details.commands'

export const detailsRoutes = [
  defineRoute({
    method: 'PUT',
    path: '/api/accompaniments/:id',
    summary: 'Change the situation and the framework of a case: mandate, authority, conditions, reporting (If-Match required)',
    tags: ['accompaniments'],
    params: IdParams,
    body: UpdateAccompaniment,
    response: AccompanimentView,
    allow: 'accompaniment.update',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('accompaniment.updated', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id).detail({ framework: body.framework.framework })
        await updateDetails(ctx, trx, acc, version, body)
        const view = await loadAccompaniment(ctx, trx, acc.id)
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
]
