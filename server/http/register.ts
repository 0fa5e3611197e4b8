import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { authorise } from './authorise'
import type { RequestContext, Services } from './context'
import type { Route } from './define-route'
import { AppError } from './errors'
import { requestTextFlaws } from './plain-text'

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext
    cspNonce: string
  }
  interface FastifyContextConfig {
    allow?: string
    /** The route's form body (application/x-www-form-urlencoded) is parsed: the public form only. */
    formBody?: boolean
    withholdAddress?: boolean
  }
}

export function registerRoutes(app: FastifyInstance, routes: Route[], services: Services): void {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  for (const route of routes) {
    typed.route({
      method: route.method,
      url: route.path,
      // Public pages answer HEAD too (load balancers and uptime monitors ask `HEAD /`); signed-in
      // routes do not: nothing of a protected resource is served to a method no test covers.
      exposeHeadRoute: route.method === 'GET' && route.allow === 'public',
      config: { allow: route.allow, formBody: route.csrf === 'form-token', withholdAddress: route.withholdAddress === true },
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      schema: {
        summary: route.summary,
        tags: route.tags,
        hide: route.hide,
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { querystring: route.query } : {}),
        ...(route.body ? { body: route.body } : {}),
        ...(route.response ? { response: { [route.status]: route.response } } : {}),
      },
      // Authorisation runs after validation would be too late for 401/403 ordering, so it runs
      // in preValidation: an anonymous caller learns nothing about the shape a route expects.
      // Then text neither engine can store as sent is refused, the same way on both and for
      // every field, before any contract or handler sees it.
      preValidation: async (request) => {
        await authorise(route, request.ctx, request, services)
        const flaws = requestTextFlaws(request)
        if (flaws.length > 0) throw new AppError('validation.failed', flaws)
      },
      handler: async (request, reply) => {
        const result = await route.handler({
          params: request.params,
          query: request.query,
          body: request.body,
          ctx: request.ctx,
          request,
          reply,
        })
        if (reply.sent) return reply
        reply.code(route.status)
        return route.status === 204 ? reply.send() : result
      },
    })
  }
}
