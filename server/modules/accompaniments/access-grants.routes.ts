import { GrantList } from '../../../common/contracts/accompaniments.contracts'
import { defineRoute } from '../../http/define-route'

export const accessGrantRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/access-grants',
    summary: 'Break-the-glass grants: a lead sees those on their teams’ cases, the DPO sees all',
    tags: ['accompaniments'],
    response: GrantList,
    allow: 'access_grant.review',
    async handler({ ctx }) {
      const actor = ctx.user
      return ctx.read('access_grant.listed', async (trx, audit) => {
        let q = trx
          .selectFrom('access_grants')
          .innerJoin('accompaniments', 'accompaniments.id', 'access_grants.accompaniment_id')
          .innerJoin('users', 'users.id', 'access_grants.user_id')
          .select([
            'access_grants.id',
            'access_grants.accompaniment_id',
            'accompaniments.code',
            'accompaniments.person_id',
            'access_grants.user_id',
            'users.display_name',
            'access_grants.reason_sealed',
            'access_grants.granted_at',
            'access_grants.expires_at',
          ])
        if (!actor.roles.includes('dpo')) q = q.where('accompaniments.team_id', 'in', actor.teamIds.length ? actor.teamIds : [''])
        const rows = await q.orderBy('access_grants.granted_at', 'desc').limit(200).execute()
        const keys = await ctx.codec.personKeys(
          trx,
          rows.map((r) => r.person_id),
        )
        const now = ctx.now()
        audit.detail({ shown: rows.map((r) => r.id) })
        return {
          items: rows.flatMap((r) => {
            const key = keys.get(r.person_id)
            if (!key) return []
            return [
              {
                id: r.id,
                accompanimentId: r.accompaniment_id,
                accompanimentCode: r.code,
                userId: r.user_id,
                userName: r.display_name,
                reason: String(ctx.codec.openRow('access_grants', key, r.id, r).reason),
                grantedAt: r.granted_at,
                expiresAt: r.expires_at,
                active: r.expires_at > now,
              },
            ]
          }),
        }
      })
    },
  }),
]
