import { PersonRectification, PersonRectificationList, PersonRectificationParams } from '../../../common/contracts/dpo-requests.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { openPerson } from '../../security/person-access'
import { markRectified } from './dpo-requests.commands'
import { presentRequests, UNANSWERED } from './dpo-requests.queries'

/** The rectification requests still open about a person, with the DPO's note (sealed with the person's key). */
async function rectificationsOf(ctx: RequestContext, trx: Trx, personId: string): Promise<PersonRectification[]> {
  const rows = await trx
    .selectFrom('dpo_requests')
    .selectAll()
    .where('person_id', '=', personId)
    .where('kind', '=', 'rectification')
    .where('status', 'in', [...UNANSWERED])
    .orderBy('received_on')
    .orderBy('code')
    .execute()
  return (await presentRequests(ctx, trx, rows)).map((r) => ({
    requestId: r.id,
    code: r.code,
    receivedOn: r.receivedOn,
    details: r.details,
    rectification: r.rectification,
  }))
}

/**
 * Rectification (GDPR art. 16): the DPO records the request; the correction is made by those who
 * may open the person (the case's worker, its lead) through the normal screens, which show them the
 * request; they mark it done, and the DPO sees who and when. Everything goes through the persons door.
 */
export const rectificationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/persons/:id/rectifications',
    summary: 'Rectification requests still open about a person, with the DPO’s note (404 unless the caller may read the person)',
    tags: ['persons'],
    params: IdParams,
    response: PersonRectificationList,
    allow: 'person.read',
    async handler({ ctx, params }) {
      return ctx.read('dpo_request.rectifications_viewed', async (trx, audit) => {
        audit.subject('person', params.id)
        await openPerson(trx, ctx.user, params.id)
        audit.shows([params.id])
        return { items: await rectificationsOf(ctx, trx, params.id) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/persons/:id/rectifications/:requestId/done',
    summary: 'Mark a rectification request about this person done, once the correction is made (404 unless the caller may read the person)',
    tags: ['persons'],
    params: PersonRectificationParams,
    response: PersonRectification,
    allow: 'person.update',
    async handler({ ctx, params }) {
      return ctx.write('dpo_request.rectified', async (trx, audit) => {
        audit.subject('dpo_request', params.requestId)
        await openPerson(trx, ctx.user, params.id)
        audit.shows([params.id])
        await markRectified(ctx, trx, params.requestId, params.id)
        const done = (await rectificationsOf(ctx, trx, params.id)).find((r) => r.requestId === params.requestId)
        if (!done) throw fail('resource.not_found')
        return done
      })
    },
  }),
]
