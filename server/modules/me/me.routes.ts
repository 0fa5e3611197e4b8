import { Me, MfaConfirmBody, MfaEnrolment, PasswordChangeBody } from '../../../common/contracts/auth.contracts'
import { Ok } from '../../../common/contracts/shared.contracts'
import { abilitiesOf } from '../../../common/permissions'
import { cookieName } from '../../http/authorise'
import { sessionCookie } from '../../http/cookies'
import { defineRoute } from '../../http/define-route'
import { AuditDraft } from '../../http/context'
import { AppError, fail } from '../../http/errors'
import { enrolmentOf, newMfaSecret } from '../../security/mfa'
import { checkPassword, hashPassword, verifyPassword } from '../../security/passwords'
import { createSession, revokeSession, revokeUserSessions } from '../../security/sessions'
import { clearFailures, countAttempt } from '../../security/throttle'
import { checkCode, mfaAad } from '../auth/mfa.command'

export const meRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/me',
    summary: 'The signed-in user, their roles and the abilities the web app uses',
    tags: ['me'],
    response: Me,
    allow: 'authenticated',
    partialSession: ['mfa_pending', 'mfa_enrolment'],
    async handler({ ctx }) {
      const actor = ctx.user
      const [user, teams] = await ctx.unaudited((db) =>
        Promise.all([
          db.selectFrom('users').select(['mfa_enabled', 'language']).where('id', '=', actor.userId).executeTakeFirstOrThrow(),
          actor.teamIds.length
            ? db.selectFrom('teams').select(['id', 'name']).where('id', 'in', actor.teamIds).orderBy('name').execute()
            : Promise.resolve([]),
        ]),
      )
      return {
        id: actor.userId,
        email: actor.email,
        displayName: actor.displayName,
        roles: actor.roles,
        teams,
        // A half-open session may do nothing yet, so it is shown no abilities.
        abilities: actor.sessionState === 'active' ? abilitiesOf(actor.roles) : [],
        mfaEnabled: user.mfa_enabled === 1,
        sessionState: actor.sessionState,
        demo: ctx.services.config.demo,
        language: user.language,
      }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/me/password',
    summary: 'Change my password; other sessions are signed out',
    tags: ['me'],
    body: PasswordChangeBody,
    response: Ok,
    allow: 'authenticated',
    async handler({ body, ctx }) {
      const actor = ctx.user
      // A live session must not become a way to guess the password: each check is counted
      // against the account first, like a sign-in, and refused unchecked past the limit.
      const key = `pwd:${actor.userId}`
      if (!(await ctx.unaudited((db) => countAttempt(db, 'account', key)))) {
        await ctx.record(
          'user.password_changed',
          new AuditDraft().subject('user', actor.userId).outcomeOf('denied').detail({ reason: 'throttled' }),
        )
        throw fail('auth.throttled')
      }
      const row = await ctx.unaudited((db) =>
        db.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow(),
      )
      if (!(await verifyPassword(row.password_hash, body.currentPassword))) {
        await ctx.record(
          'user.password_changed',
          new AuditDraft().subject('user', actor.userId).outcomeOf('failure').detail({ reason: 'credentials' }),
        )
        throw new AppError('auth.password_incorrect', [
          { field: 'currentPassword', code: 'incorrect', message: 'Current password incorrect' },
        ])
      }
      await ctx.unaudited((db) => clearFailures(db, key))
      const problem = checkPassword(body.newPassword)
      if (problem) throw new AppError('auth.password_rejected', [{ field: 'newPassword', code: problem, message: 'Password not accepted' }])
      const hashed = await hashPassword(body.newPassword)
      await ctx.write('user.password_changed', async (trx, audit) => {
        await trx.updateTable('users').set({ password_hash: hashed, updated_at: ctx.now() }).where('id', '=', actor.userId).execute()
        await revokeUserSessions(trx, actor.userId, actor.sessionId)
        audit.subject('user', actor.userId)
      })
      return { ok: true as const }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/me/mfa/enrol',
    summary: 'Start TOTP enrolment: a new secret and its QR code',
    tags: ['me'],
    response: MfaEnrolment,
    allow: 'authenticated',
    partialSession: ['mfa_enrolment'],
    async handler({ ctx }) {
      const actor = ctx.user
      const secret = newMfaSecret()
      await ctx.write('user.mfa_enrolment_started', async (trx, audit) => {
        const user = await trx.selectFrom('users').select('mfa_enabled').where('id', '=', actor.userId).executeTakeFirstOrThrow()
        if (user.mfa_enabled) throw fail('auth.mfa_already_enabled')
        await trx
          .updateTable('users')
          .set({ mfa_secret_sealed: ctx.codec.sealSecret(secret, mfaAad(actor.userId)), mfa_last_step: 0 })
          .where('id', '=', actor.userId)
          .execute()
        audit.subject('user', actor.userId)
      })
      return { secret, ...(await enrolmentOf(secret, actor.email)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/me/mfa/confirm',
    summary: 'Finish TOTP enrolment with a first code',
    tags: ['me'],
    body: MfaConfirmBody,
    response: Ok,
    allow: 'authenticated',
    partialSession: ['mfa_enrolment'],
    async handler({ body, ctx, reply }) {
      const actor = ctx.user
      const token = await ctx.write('user.mfa_enabled', async (trx, audit) => {
        audit.subject('user', actor.userId)
        const user = await trx.selectFrom('users').select('mfa_enabled').where('id', '=', actor.userId).executeTakeFirstOrThrow()
        if (user.mfa_enabled) throw fail('auth.mfa_already_enabled')
        if (!(await checkCode(ctx, trx, actor.userId, body.code))) throw fail('auth.mfa_invalid')
        await trx.updateTable('users').set({ mfa_enabled: 1, updated_at: ctx.now() }).where('id', '=', actor.userId).execute()
        if (actor.sessionState !== 'mfa_enrolment') return null
        await revokeSession(trx, actor.sessionId)
        return (await createSession(trx, actor.userId, 'active', ctx.services.config.session.absoluteMs)).token
      })
      if (token) {
        const secure = ctx.services.config.secureCookies
        reply.header('Set-Cookie', sessionCookie(cookieName(secure), token, secure))
      }
      return { ok: true as const }
    },
  }),
]
