import { ActivateBody, LoginBody, LoginResult, MfaVerifyBody } from '../../../common/contracts/auth.contracts'
import { Ok } from '../../../common/contracts/shared.contracts'
import { cookieName } from '../../http/authorise'
import { clearCookie, sessionCookie } from '../../http/cookies'
import { defineRoute } from '../../http/define-route'
import { revokeSession } from '../../security/sessions'
import { clearRecent } from '../recent/recent.commands'
import { activate } from './activate.command'
import { login } from './login.command'
import { verifyMfa } from './mfa.command'

const STATUS = { active: 'signed_in', mfa_pending: 'mfa_required', mfa_enrolment: 'mfa_enrolment_required' } as const

export const authRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in with e-mail and password; a new session token every time',
    tags: ['auth'],
    body: LoginBody,
    response: LoginResult,
    allow: 'public',
    async handler({ body, ctx, reply }) {
      const { token, state } = await login(ctx, body.email, body.password)
      if (ctx.actor) await ctx.unaudited((db) => revokeSession(db, ctx.user.sessionId))
      const secure = ctx.services.config.secureCookies
      reply.header('Set-Cookie', sessionCookie(cookieName(secure), token, secure))
      return { status: STATUS[state] }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/mfa/verify',
    summary: 'Second sign-in step: a TOTP code, each usable once',
    tags: ['auth'],
    body: MfaVerifyBody,
    response: LoginResult,
    allow: 'authenticated',
    partialSession: ['mfa_pending'],
    async handler({ body, ctx, reply }) {
      const token = await verifyMfa(ctx, body.code)
      const secure = ctx.services.config.secureCookies
      reply.header('Set-Cookie', sessionCookie(cookieName(secure), token, secure))
      return { status: 'signed_in' as const }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'End this session',
    tags: ['auth'],
    response: Ok,
    allow: 'authenticated',
    partialSession: ['mfa_pending', 'mfa_enrolment'],
    async handler({ ctx, reply }) {
      const actor = ctx.user
      await ctx.write('auth.logout', async (trx, audit) => {
        await revokeSession(trx, actor.sessionId)
        audit.subject('user', actor.userId)
        if (ctx.services.config.recentClearAtSignOut) audit.detail({ recentCleared: await clearRecent(trx, actor.userId) })
      })
      const secure = ctx.services.config.secureCookies
      reply.header('Set-Cookie', clearCookie(cookieName(secure), secure))
      return { ok: true as const }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/activate',
    summary: 'Set a first (or new) password from a one-time activation link',
    tags: ['auth'],
    body: ActivateBody,
    response: Ok,
    allow: 'public',
    async handler({ body, ctx }) {
      await activate(ctx, body.token, body.password)
      return { ok: true as const }
    },
  }),
]
