import crypto from 'node:crypto'
import type { RequestContext } from '../../http/context'
import { AuditDraft } from '../../http/context'
import { fail } from '../../http/errors'
import { verifyPassword } from '../../security/passwords'
import { createSession, type SessionState } from '../../security/sessions'
import { clearFailures, countAttempt, uncountAttempt } from '../../security/throttle'

export type LoginOutcome = { token: string; state: SessionState }

/**
 * One answer for an unknown e-mail, a wrong password and a disabled account, after the same
 * argon2 work; throttled per account and per address; every attempt audited. Each attempt is
 * counted before the password is checked, so attempts sent in parallel cannot all slip in under
 * the limit; past it they are refused without any password work.
 */
export async function login(ctx: RequestContext, email: string, password: string): Promise<LoginOutcome> {
  const { config, auditKey } = ctx.services
  const normalised = email.trim().toLowerCase()
  const accountKey = `acct:${crypto.createHmac('sha256', auditKey).update(normalised).digest('base64url').slice(0, 22)}`
  const addressKey = `ip:${ctx.clientIp}`
  const user = await ctx.unaudited((db) =>
    db.selectFrom('users').select(['id', 'password_hash', 'disabled', 'mfa_enabled']).where('email', '=', normalised).executeTakeFirst(),
  )
  const draft = new AuditDraft()
  if (user) draft.subject('user', user.id)
  else draft.detail({ account: accountKey.slice(5) })

  // The address first: from an address over its limit, an account's count is not touched.
  const mayCheck = await ctx.unaudited(
    async (db) => (await countAttempt(db, 'address', addressKey)) && (await countAttempt(db, 'account', accountKey)),
  )
  if (!mayCheck) {
    await ctx.record('auth.login', draft.outcomeOf('denied').detail({ reason: 'throttled' }))
    throw fail('auth.throttled')
  }
  const passwordOk = await verifyPassword(user?.password_hash ?? null, password)
  if (!user || !passwordOk || user.disabled) {
    // Already counted: the failure only needs its audit entry.
    await ctx.record('auth.login', draft.outcomeOf('failure').detail({ reason: user?.disabled ? 'disabled' : 'credentials' }))
    throw fail('auth.invalid_credentials')
  }
  const state: SessionState = user.mfa_enabled ? 'mfa_pending' : config.demo ? 'active' : 'mfa_enrolment'
  return ctx.write('auth.login', async (trx, audit) => {
    await clearFailures(trx, accountKey)
    await uncountAttempt(trx, addressKey)
    const { token } = await createSession(trx, user.id, state, config.session.absoluteMs)
    Object.assign(audit, draft)
    audit.detail({ sessionState: state })
    return { token, state }
  })
}
