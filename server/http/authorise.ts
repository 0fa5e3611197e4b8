import type { FastifyRequest } from 'fastify'
import { PERMISSIONS, rolesGrant } from '../../common/permissions'
import { resolveSession } from '../security/sessions'
import { AuditDraft, type RequestContext, type Services } from './context'
import { readCookie } from './cookies'
import type { Route } from './define-route'
import { fail } from './errors'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function cookieName(secure: boolean): string {
  // The __Host- prefix pins the cookie to this exact origin, but browsers accept it only over HTTPS.
  return secure ? '__Host-parcours' : 'parcours'
}

/**
 * Cross-site request forgery: a write must carry our custom header, which a cross-site form
 * cannot send and a cross-site script cannot add without a CORS preflight we never grant; and
 * an Origin, when the browser sends one, must be ours.
 */
function checkCsrf(route: Route, request: FastifyRequest): void {
  if (!UNSAFE.has(request.method)) return
  if (route.csrf === 'form-token') {
    // A plain HTML form cannot send our header (ADR 0010): the browser's own word that the
    // request comes from our page, when it gives it, and the signed form token the handler checks.
    const site = request.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin') throw fail('csrf.rejected')
  } else if (request.headers['x-parcours-request'] !== '1') throw fail('csrf.rejected')
  const origin = request.headers.origin
  if (origin && origin !== 'null') {
    let host: string
    try {
      host = new URL(origin).host
    } catch {
      throw fail('csrf.rejected')
    }
    // request.host honours X-Forwarded-Host only when PARCOURS_TRUST_PROXY is on.
    if (host !== request.host) throw fail('csrf.rejected')
  } else if (origin === 'null') {
    throw fail('csrf.rejected')
  }
}

/** Runs before every handler: CSRF, session, session state, then the route's permission. */
export async function authorise(route: Route, ctx: RequestContext, request: FastifyRequest, services: Services): Promise<void> {
  checkCsrf(route, request)
  const { config, db, kind } = services
  const token = readCookie(request.headers.cookie, cookieName(config.secureCookies))
  if (token) ctx.actor = await resolveSession(db, kind, token, config.session.idleMs)
  if (route.allow === 'public') return
  const actor = ctx.actor
  if (!actor) throw fail('auth.required')
  if (actor.sessionState !== 'active' && !route.partialSession.includes(actor.sessionState)) {
    throw fail(actor.sessionState === 'mfa_pending' ? 'auth.mfa_required' : 'auth.mfa_enrolment_required')
  }
  if (route.allow === 'authenticated') return
  if (ctx.overDenialLimit) throw fail('rate.limited')
  const permission = route.allow
  if (!rolesGrant(actor.roles, permission)) {
    await ctx.recordDenial(new AuditDraft().detail({ route: `${route.method} ${route.path}`, permission }).outcomeOf('denied'))
    throw fail('access.forbidden')
  }
  ctx.actingRole = actor.roles.find((r) => (PERMISSIONS[permission] as readonly string[]).includes(r)) ?? null
}
