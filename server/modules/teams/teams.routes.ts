import crypto from 'node:crypto'
import { CreateTeamBody, TeamList, TeamView } from '../../../common/contracts/users.contracts'
import { defineRoute } from '../../http/define-route'
import { AppError } from '../../http/errors'

export const teamRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/teams',
    summary: 'List teams',
    tags: ['teams'],
    response: TeamList,
    allow: 'team.manage',
    async handler({ ctx }) {
      const rows = await ctx.unaudited((db) =>
        db
          .selectFrom('teams')
          .leftJoin('user_teams', 'user_teams.team_id', 'teams.id')
          .select((eb) => ['teams.id', 'teams.name', eb.fn.count<number>('user_teams.user_id').as('members')])
          .groupBy(['teams.id', 'teams.name'])
          .orderBy('teams.name')
          .execute(),
      )
      return { items: rows.map((r) => ({ id: r.id, name: r.name, memberCount: Number(r.members) })) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/teams',
    summary: 'Create a team',
    tags: ['teams'],
    body: CreateTeamBody,
    response: TeamView,
    status: 201,
    allow: 'team.manage',
    async handler({ body, ctx }) {
      return ctx.write('team.created', async (trx, audit) => {
        const taken = await trx.selectFrom('teams').select('id').where('name', '=', body.name).executeTakeFirst()
        if (taken) throw new AppError('conflict.team_name_taken', [{ field: 'name', code: 'taken', message: 'Name already used' }])
        const id = crypto.randomUUID()
        await trx.insertInto('teams').values({ id, name: body.name, created_at: ctx.now() }).execute()
        audit.subject('team', id)
        return { id, name: body.name, memberCount: 0 }
      })
    },
  }),
]
