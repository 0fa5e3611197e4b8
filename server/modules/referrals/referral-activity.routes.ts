import { PartnerActivity, PartnerActivityList } from '../../../common/contracts/partner-activity.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { rolesGrant } from '../../../common/permissions'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { partnerActivity } from './referral-activity'
import { organisationOf } from './partner-portal.queries'

/**
 * Activity of the network, counts only: the whole network for leads and admins (the dashboard),
 * one organisation for them or for that organisation's own staff. Another organisation's is
 * absent to partner staff (404, as in the portal).
 */
export const referralActivityRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/partners/activity',
    summary: 'Referral counts per partner organisation (sent, accepted, declined, completed, median time to answer, outcomes)',
    tags: ['partners'],
    response: PartnerActivityList,
    allow: 'partner_activity.read_all',
    async handler({ ctx }) {
      return ctx.read('partner_activity.viewed', async (trx, audit) => {
        const items = await partnerActivity(trx)
        audit.detail({ organisations: items.length })
        return { items }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/partners/:id/activity',
    summary: 'Referral counts of one partner organisation (its own staff, leads and admins)',
    tags: ['partners'],
    params: IdParams,
    response: PartnerActivity,
    allow: 'partner_activity.read',
    async handler({ ctx, params }) {
      return ctx.read('partner_activity.viewed', async (trx, audit) => {
        audit.subject('partner_organisation', params.id)
        if (!rolesGrant(ctx.user.roles, 'partner_activity.read_all') && (await organisationOf(trx, ctx)) !== params.id)
          throw fail('resource.not_found')
        const [one] = await partnerActivity(trx, [params.id])
        if (!one) throw fail('resource.not_found')
        return one
      })
    },
  }),
]
