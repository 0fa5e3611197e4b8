import { z } from 'zod'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'

export const healthRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness: the process answers (restart it when this fails)',
    tags: ['system'],
    response: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }),
    allow: 'public',
    // No database query: a database outage or a full disk is not cured by restarting this
    // process; /api/ready reports those, so that traffic goes elsewhere meanwhile.
    async handler({ ctx }) {
      return { status: 'ok' as const, database: ctx.services.kind }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ready',
    summary: 'Readiness: the database answers, its migrations are current and storage has room (503 otherwise)',
    tags: ['system'],
    response: z.object({ status: z.literal('ready'), database: z.enum(['sqlite', 'postgres']) }),
    allow: 'public',
    async handler({ ctx, request }) {
      const reason = await request.server.notReady()
      if (reason) throw fail('service.not_ready', reason)
      return { status: 'ready' as const, database: ctx.services.kind }
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
