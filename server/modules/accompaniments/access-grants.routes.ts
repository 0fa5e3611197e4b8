import { GrantList } from '../../../common/contracts/accompaniments.contracts'
import { defineRoute } from '../../http/define-route'
import { reviewableGrants } from '../../security/case-access'

export const accessGrantRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/access-grants',
    summary: 'Break-the-glass grants: a lead sees those on their teams’ cases, the DPO sees all',
    tags: ['accompaniments'],
    response: GrantList,
    allow: 'access_grant.review',
    async handler({ ctx }) {
      return ctx.read('access_grant.listed', async (trx, audit) => {
        const rows = await reviewableGrants(trx, ctx.user)
        const keys = await ctx.codec.personKeys(
          trx,
          rows.map((r) => r.person_id),
        )
        // A grant whose client was erased (no key left) has no reason to show any more.
        const shown = rows.flatMap((r) => {
          const key = keys.get(r.person_id)
          return key ? [{ ...r, key }] : []
        })
        const now = ctx.now()
        // Each grant says why someone opened a client's case: that client is shown.
        audit.shows(shown.map((r) => r.person_id)).detail({ shown: shown.map((r) => r.id) })
        return {
          items: shown.map((r) => ({
            id: r.id,
            accompanimentId: r.accompaniment_id,
            accompanimentCode: r.code,
            userId: r.user_id,
            userName: r.display_name,
            reason: ctx.codec.openRow('access_grants', r.key, r.id, r).reason,
            grantedAt: r.granted_at,
            expiresAt: r.expires_at,
            active: r.expires_at > now,
          })),
        }
      })
    },
  }),
]
