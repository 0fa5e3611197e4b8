import swagger from '@fastify/swagger'
import Fastify, { errorCodes, type FastifyInstance } from 'fastify'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { notReadyReason, StorageState } from './db/readiness'
import { RequestContext, type Services } from './http/context'
import type { Route } from './http/define-route'
import { completeDocument } from './http/openapi'
import { clientErrorHandler, frameworkErrorHandler, notFoundHandler, problemHandler } from './http/problem'
import { registerRoutes } from './http/register'
import { newNonce, securityHeaders } from './http/security-headers'
import { accessGrantRoutes } from './modules/accompaniments/access-grants.routes'
import { accompanimentRoutes } from './modules/accompaniments/accompaniments.routes'
import { dashboardRoutes } from './modules/accompaniments/dashboard.routes'
import { indicatorsRoutes } from './modules/indicators/indicators.routes'
import { practiceNoteRoutes } from './modules/practice-notes/practice-notes.routes'
import { trainingSessionRoutes } from './modules/training-sessions/training-sessions.routes'
import { activityReportRoutes } from './modules/activity-report/activity-report.routes'
import { detailsRoutes } from './modules/accompaniments/details.routes'
import { lifecycleRoutes } from './modules/accompaniments/lifecycle.routes'
import { accessReviewRoutes } from './modules/audit/access-review.routes'
import { auditRoutes } from './modules/audit/audit.routes'
import { caseRelativeRoutes } from './modules/case-relatives/case-relatives.routes'
import { caseSessionRoutes } from './modules/case-sessions/case-sessions.routes'
import { contactStatisticsRoutes } from './modules/contacts/contact-statistics.routes'
import { contactThemeRoutes } from './modules/contacts/contact-themes.routes'
import { contactTriageRoutes } from './modules/contacts/contact-triage.routes'
import { contactInformationRoutes } from './modules/contacts/contact-information.routes'
import { contactRoutes } from './modules/contacts/contacts.routes'
import { dpoAlertRoutes } from './modules/dpo-alerts/dpo-alerts.routes'
import { erasureRoutes } from './modules/erasures/erasures.routes'
import { dpoRequestRoutes } from './modules/dpo-requests/dpo-requests.routes'
import { retentionRoutes, retentionRunRoutes } from './modules/retention/retention.routes'
import { breachRoutes } from './modules/breaches/breaches.routes'
import { studyRoutes } from './modules/studies/studies.routes'
import { extractRoutes } from './modules/extracts/extracts.routes'
import { processingRegisterRoutes } from './modules/processing-register/processing-register.routes'
import { dpoExportRoutes } from './modules/dpo-exports/dpo-exports.routes'
import { dutyRoutes } from './modules/duty/duty.routes'
import { exceptionRoutes } from './modules/exceptions/exceptions.routes'
import { documentRoutes } from './modules/documents/documents.routes'
import { FILE_TYPES } from './modules/documents/file-types'
import { authRoutes } from './modules/auth/auth.routes'
import { assessmentRoutes } from './modules/assessments/assessments.routes'
import { healthRoutes } from './modules/health/health.routes'
import { instrumentRoutes } from './modules/instruments/instruments.routes'
import { sheetRoutes } from './modules/sheets/sheets.routes'
import { partnerHsdsRoutes } from './modules/partners/partners-hsds.routes'
import { partnerRoutes } from './modules/partners/partners.routes'
import { meRoutes } from './modules/me/me.routes'
import { preferenceRoutes } from './modules/me/preferences.routes'
import { calendarFeedRoutes } from './modules/calendar-feed/calendar-feed.routes'
import { privacyScreenRoutes } from './modules/names/privacy-screen.routes'
import { networkRoutes } from './modules/network/network.routes'
import { notificationRoutes } from './modules/notifications/notifications.routes'
import { personRoutes } from './modules/persons/persons.routes'
import { personCaseRoutes } from './modules/persons/person-cases.routes'
import { restrictionRoutes } from './modules/restrictions/restrictions.routes'
import { recentRoutes } from './modules/recent/recent.routes'
import { searchRoutes } from './modules/search/search.routes'
import { postcodeRoutes } from './modules/postcodes/postcodes.routes'
import { progressRoutes } from './modules/progress/progress.routes'
import { contactRequestRoutes } from './modules/public-info/contact-requests.routes'
import { publicInfoRoutes } from './modules/public-info/public-info.routes'
import { sheetForInfoPage, sheetsForInfoPage } from './modules/public-info/public-sheets.source'
import { consentRoutes } from './modules/referrals/consents.routes'
import { partnerPortalRoutes } from './modules/referrals/partner-portal.routes'
import { referralActivityRoutes } from './modules/referrals/referral-activity.routes'
import { partnersOwnRoutes } from './modules/partners/partners-own.routes'
import { referralRoutes } from './modules/referrals/referrals.routes'
import { reportRoutes } from './modules/reports/reports.routes'
import { planRoutes } from './modules/plans/plans.routes'
import { trajectoryRoutes } from './modules/trajectory/trajectory.routes'
import { taskRoutes } from './modules/tasks/tasks.routes'
import { taskEditRoutes } from './modules/tasks/task-edit.routes'
import { teamMemberRoutes } from './modules/teams/team-members.routes'
import { teamRoutes } from './modules/teams/teams.routes'
import { userRoutes } from './modules/users/users.routes'
import { webRoutes } from './modules/web/web.routes'

export const API_ROUTES: Route[] = [
  ...healthRoutes,
  ...authRoutes,
  ...meRoutes,
  ...preferenceRoutes,
  ...calendarFeedRoutes,
  ...privacyScreenRoutes,
  ...userRoutes,
  ...teamRoutes,
  ...teamMemberRoutes,
  ...personRoutes,
  ...personCaseRoutes,
  ...restrictionRoutes,
  ...searchRoutes,
  ...recentRoutes,
  ...accompanimentRoutes,
  ...detailsRoutes,
  ...lifecycleRoutes,
  ...caseRelativeRoutes,
  ...contactRoutes,
  ...contactTriageRoutes,
  ...contactInformationRoutes,
  ...contactThemeRoutes,
  ...contactStatisticsRoutes,
  ...dashboardRoutes,
  ...indicatorsRoutes,
  ...practiceNoteRoutes,
  ...trainingSessionRoutes,
  ...activityReportRoutes,
  ...caseSessionRoutes,
  ...taskRoutes,
  ...taskEditRoutes,
  ...documentRoutes,
  ...reportRoutes,
  ...progressRoutes,
  ...instrumentRoutes,
  ...sheetRoutes,
  ...partnerHsdsRoutes,
  ...partnerRoutes,
  ...assessmentRoutes,
  ...planRoutes,
  ...trajectoryRoutes,
  ...networkRoutes,
  ...accessGrantRoutes,
  ...postcodeRoutes,
  ...auditRoutes,
  ...accessReviewRoutes,
  ...dpoAlertRoutes,
  ...erasureRoutes,
  ...dpoRequestRoutes,
  ...retentionRoutes,
  ...retentionRunRoutes,
  ...processingRegisterRoutes,
  ...breachRoutes,
  ...studyRoutes,
  ...extractRoutes,
  ...dpoExportRoutes,
  // /info lists the sheets module's public sheets and shows each on its own printable page.
  ...publicInfoRoutes({ publicSheets: sheetsForInfoPage, publicSheet: sheetForInfoPage }),
  ...contactRequestRoutes,
  ...dutyRoutes,
  ...exceptionRoutes,
  ...notificationRoutes,
  ...consentRoutes,
  ...referralRoutes,
  ...partnerPortalRoutes,
  ...referralActivityRoutes,
  ...partnersOwnRoutes,
]

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when a request met a full disk; readiness fails until a write succeeds again. */
    storage: StorageState
    /** Why this instance should not receive traffic (GET /api/ready), or null. */
    notReady: () => Promise<string | null>
  }
}

const PURPOSE = /^[a-z][a-z0-9_.-]{0,59}$/

/** The whole request pipeline, in order. */
export async function buildApp(
  services: Services,
  options: { logger?: boolean; logStream?: { write(line: string): void }; webRoot?: string } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: services.config.logLevel,
          ...(options.logStream ? { stream: options.logStream } : {}),
          // Route patterns, never URLs: an id in a path is pseudonymous, but we log none of it.
          serializers: {
            req: (r) => ({ id: r.id, method: r.method, route: r.routeOptions?.url }),
            res: (r) => ({ status: r.statusCode }),
          },
        }
      : false,
    genReqId: () => crypto.randomUUID(),
    // One hop: the reverse proxy in front (the socket peer) is trusted, so the client address is
    // the last X-Forwarded-For entry, the one the proxy appended. `true` would trust every hop
    // and take the first entry, which the client writes itself: a forged address in the audit,
    // a fresh sign-in limit per forged address. (A bare hop count trusts nothing in Fastify 5.)
    trustProxy: services.config.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    exposeHeadRoutes: false,
    bodyLimit: 1_048_576,
    // Longer than any parameter we define, so that an over-long id reaches the route's contract
    // (400 naming the field); past it, the router's error is answered by frameworkErrors.
    routerOptions: { maxParamLength: 1000 },
    // What Fastify and Node answer by themselves (bad path encoding, unreadable requests) leaves
    // as problem+json too, without quoting the URL.
    frameworkErrors: frameworkErrorHandler(services.config),
    clientErrorHandler,
  })
  app.decorate('storage', new StorageState())
  app.decorate('notReady', () => notReadyReason(services.db, services.config.dataDir, app.storage))
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  // Invariant 1: no route without a policy, whoever registers it.
  app.addHook('onRoute', (route) => {
    if (!route.config?.allow) throw new Error(`route ${String(route.method)} ${route.url} has no policy`)
  })

  const routes = [...API_ROUTES, ...webRoutes(options.webRoot ?? null)]
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Parcours API', version: '0.1.0', description: 'Case management for disengagement and re-engagement paths' },
    },
    transform: jsonSchemaTransform,
    // operationIds, security, error answers and If-Match, from the routes and server/http/operations.ts.
    transformObject: (generated) =>
      'openapiObject' in generated
        ? completeDocument(generated.openapiObject, routes, { secureCookies: services.config.secureCookies })
        : generated.swaggerObject,
  })

  app.addHook('onRequest', async (request, reply) => {
    request.cspNonce = newNonce()
    const purposeHeader = request.headers['x-parcours-purpose']
    const purpose = typeof purposeHeader === 'string' && PURPOSE.test(purposeHeader) ? purposeHeader : null
    // The public form's entries keep no client address: a request may be anonymous (ADR 0010).
    const address = request.routeOptions.config?.withholdAddress ? 'withheld' : request.ip
    request.ctx = new RequestContext(services, request.id, address, purpose)
    reply.header('X-Request-Id', request.id)
    securityHeaders(services.config, request, reply, request.cspNonce)
  })
  // Document uploads arrive as raw bytes of their declared type. They are not read here: the
  // upload route streams them (request.raw) after authorisation, counting them against the limit.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser(
    Object.values(FILE_TYPES).map((t) => t.mime),
    (_request, _payload, done) => done(null, undefined),
  )
  // The public form, sent without JavaScript, arrives form-encoded; no other route takes it, and
  // any other answers as if no parser existed (415).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
    if (!request.routeOptions.config?.formBody) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(request.headers['content-type'])), undefined)
      return
    }
    const fields: Record<string, string | string[]> = Object.create(null)
    for (const [name, value] of new URLSearchParams(String(body))) {
      const had = fields[name]
      fields[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value]
    }
    done(null, fields)
  })
  app.setErrorHandler(problemHandler)
  app.setNotFoundHandler(notFoundHandler)

  registerRoutes(app, routes, services)
  return app
}
