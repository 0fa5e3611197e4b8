import { z } from 'zod'
import { defineRoute } from '../../http/define-route'

export const healthRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness and database reachability',
    tags: ['system'],
    response: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }),
    allow: 'public',
    async handler({ ctx }) {
      // A query the database must answer, on a table that holds no personal data.
      await ctx.unaudited((db) => db.selectFrom('teams').select('id').limit(1).execute())
      return { status: 'ok' as const, database: ctx.services.kind }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This API, described as OpenAPI 3.1',
    tags: ['system'],
    allow: 'public',
    hide: true,
    async handler({ request }) {
      return request.server.swagger()
    },
  }),
]
