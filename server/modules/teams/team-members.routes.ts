import { IdParams } from '../../../common/contracts/shared.contracts'
import { TeamMembers } from '../../../common/contracts/users.contracts'
import { ROLES, type Role } from '../../../common/roles'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { visibleCases } from '../../security/case-access'

export const teamMemberRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/teams/:id/members',
    summary: 'Team lead: the workers of my team and how many open cases each carries',
    tags: ['teams'],
    params: IdParams,
    response: TeamMembers,
    allow: 'accompaniment.assign',
    async handler({ params, ctx }) {
      // A lead sees their own teams only; any other team does not exist for them.
      if (!ctx.user.teamIds.includes(params.id)) throw fail('resource.not_found')
      const { team, members, roles } = await ctx.unaudited(async (db) => {
        const team = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', params.id).executeTakeFirstOrThrow()
        const members = await db
          .selectFrom('user_teams')
          .innerJoin('users', 'users.id', 'user_teams.user_id')
          .select(['users.id', 'users.display_name'])
          .where('user_teams.team_id', '=', params.id)
          .where('users.disabled', '=', 0)
          .orderBy('users.display_name')
          .execute()
        const ids = members.map((m) => m.id)
        const roles = ids.length ? await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute() : []
        return { team, members, roles }
      })
      const ids = members.map((m) => m.id)
      // How many open cases of the team each carries: counted from the team's cases, which the lead sees.
      const loads = ids.length
        ? await ctx.read('team.caseload_viewed', (trx, audit) => {
            audit.subject('team', params.id)
            return visibleCases(trx, ctx.user, { team: params.id })
              .innerJoin('accompaniment_workers', 'accompaniment_workers.accompaniment_id', 'accompaniments.id')
              .select((eb) => ['accompaniment_workers.user_id', eb.fn.countAll<number>().as('n')])
              .where('accompaniment_workers.user_id', 'in', ids)
              .where('accompaniments.status', 'in', ['intake', 'active', 'suspended', 'closing'])
              .groupBy('accompaniment_workers.user_id')
              .execute()
          })
        : []
      return {
        team,
        items: members.map((m) => ({
          id: m.id,
          displayName: m.display_name,
          roles: ROLES.filter((r: Role) => roles.some((x) => x.user_id === m.id && x.role === r)),
          caseload: Number(loads.find((l) => l.user_id === m.id)?.n ?? 0),
        })),
      }
    },
  }),
]
