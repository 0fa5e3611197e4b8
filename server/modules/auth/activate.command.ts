import crypto from 'node:crypto'
import type { RequestContext } from '../../http/context'
import { AuditDraft } from '../../http/context'
import { AppError, fail } from '../../http/errors'
import { checkPassword, hashPassword } from '../../security/passwords'
import { revokeUserSessions } from '../../security/sessions'

export const activationHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

/** The user sets their own password from the one-time link an admin gave them. */
export async function activate(ctx: RequestContext, token: string, password: string): Promise<void> {
  const problem = checkPassword(password)
  if (problem) throw new AppError('auth.password_rejected', [{ field: 'password', code: problem, message: 'Password not accepted' }])
  const hashed = await hashPassword(password)
  const done = await ctx.write('user.activated', async (trx, audit) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'activation_expires_at', 'disabled'])
      .where('activation_token_hash', '=', activationHash(token))
      .executeTakeFirst()
    if (!user || user.disabled || !user.activation_expires_at || Date.parse(user.activation_expires_at) <= Date.now()) return false
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hashed,
        activation_token_hash: null,
        activation_expires_at: null,
        updated_at: ctx.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', user.id)
      .execute()
    await revokeUserSessions(trx, user.id)
    audit.subject('user', user.id)
    return true
  })
  if (!done) {
    await ctx.record('user.activated', new AuditDraft().outcomeOf('failure'))
    throw fail('auth.activation_invalid')
  }
}
