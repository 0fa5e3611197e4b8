import type { RequestContext, Trx } from '../../http/context'
import { AuditDraft } from '../../http/context'
import { fail } from '../../http/errors'
import { verifyCode } from '../../security/mfa'
import { createSession, revokeSession } from '../../security/sessions'
import { clearFailures, countAttempt } from '../../security/throttle'

export const mfaAad = (userId: string) => `users.mfa_secret:${userId}`

/**
 * Checks a TOTP code against the user's sealed secret. A code's time step must be newer than
 * the last one accepted, so a code seen over a shoulder cannot be replayed. The step is taken
 * by a conditional update, so that of two requests with one code at the same moment only one
 * takes it, on PostgreSQL too where both transactions may read the old step.
 */
export async function checkCode(ctx: RequestContext, trx: Trx, userId: string, code: string): Promise<boolean> {
  const user = await trx
    .selectFrom('users')
    .select(['mfa_secret_sealed', 'mfa_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  if (!user.mfa_secret_sealed) return false
  const step = verifyCode(ctx.codec.openSecret(user.mfa_secret_sealed, mfaAad(userId)), code)
  if (step === null || step <= Number(user.mfa_last_step)) return false
  const taken = await trx
    .updateTable('users')
    .set({ mfa_last_step: step })
    .where('id', '=', userId)
    .where('mfa_last_step', '<', step)
    .executeTakeFirst()
  return Number(taken.numUpdatedRows) === 1
}

/**
 * Second step of sign-in: a new session token replaces the half-open one. Like the password,
 * each attempt is counted before the code is checked, and refused unchecked past the limit.
 */
export async function verifyMfa(ctx: RequestContext, code: string): Promise<string> {
  const actor = ctx.user
  if (actor.sessionState !== 'mfa_pending') throw fail('auth.mfa_not_pending')
  const key = `mfa:${actor.userId}`
  if (!(await ctx.unaudited((db) => countAttempt(db, 'account', key)))) {
    await ctx.record('auth.mfa', new AuditDraft().subject('user', actor.userId).outcomeOf('denied').detail({ reason: 'throttled' }))
    throw fail('auth.throttled')
  }
  const token = await ctx.write('auth.mfa', async (trx, audit) => {
    audit.subject('user', actor.userId)
    if (!(await checkCode(ctx, trx, actor.userId, code))) {
      audit.outcomeOf('failure')
      return null
    }
    await clearFailures(trx, key)
    await revokeSession(trx, actor.sessionId)
    return (await createSession(trx, actor.userId, 'active', ctx.services.config.session.absoluteMs)).token
  })
  if (token === null) throw fail('auth.mfa_invalid')
  return token
}
