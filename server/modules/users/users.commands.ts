import crypto from 'node:crypto'
import type { Role } from '../../../common/roles'
import type { Trx } from '../../http/context'
import { AppError, fail, invalidField } from '../../http/errors'
import { revokeUserSessions } from '../../security/sessions'
import { activationHash } from '../auth/activate.command'

const ACTIVATION_MS = 72 * 3_600_000

export type NewUser = { email: string; displayName: string; roles: Role[]; teamIds: string[] }

async function checkTeams(trx: Trx, teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return
  const found = await trx.selectFrom('teams').select('id').where('id', 'in', teamIds).execute()
  if (found.length !== new Set(teamIds).size) throw invalidField('teamIds', 'unknown_team', 'Unknown team')
}

async function setRolesAndTeams(trx: Trx, userId: string, roles?: Role[], teamIds?: string[]): Promise<void> {
  if (roles) {
    await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute()
    await trx
      .insertInto('user_roles')
      .values([...new Set(roles)].map((role) => ({ user_id: userId, role })))
      .execute()
  }
  if (teamIds) {
    await checkTeams(trx, teamIds)
    await trx.deleteFrom('user_teams').where('user_id', '=', userId).execute()
    if (teamIds.length) {
      await trx
        .insertInto('user_teams')
        .values([...new Set(teamIds)].map((team_id) => ({ user_id: userId, team_id })))
        .execute()
    }
  }
}

/** A new token whose hash only is stored; the plain token is shown once, to the admin. */
export function newActivation(now: number) {
  const token = crypto.randomBytes(24).toString('base64url')
  return { token, hash: activationHash(token), expiresAt: new Date(now + ACTIVATION_MS).toISOString() }
}

/** Admins create accounts but never choose passwords: the user activates with a one-time link. */
export async function createUser(trx: Trx, input: NewUser, now: string, password?: string): Promise<{ id: string; token: string }> {
  const email = input.email.trim().toLowerCase()
  const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (taken) throw new AppError('conflict.email_taken', [{ field: 'email', code: 'taken', message: 'E-mail already used' }])
  await checkTeams(trx, input.teamIds)
  const id = crypto.randomUUID()
  const activation = newActivation(Date.parse(now))
  await trx
    .insertInto('users')
    .values({
      id,
      email,
      display_name: input.displayName,
      password_hash: password ?? null,
      mfa_secret_sealed: null,
      mfa_enabled: 0,
      mfa_last_step: 0,
      disabled: 0,
      activation_token_hash: password ? null : activation.hash,
      activation_expires_at: password ? null : activation.expiresAt,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute()
  await setRolesAndTeams(trx, id, input.roles, input.teamIds)
  return { id, token: activation.token }
}

export type UserChanges = { displayName?: string; roles?: Role[]; teamIds?: string[]; disabled?: boolean }

export async function updateUser(trx: Trx, id: string, version: number, changes: UserChanges, now: string): Promise<void> {
  const result = await trx
    .updateTable('users')
    .set((eb) => ({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled ? 1 : 0 } : {}),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) {
    const exists = await trx.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()
    throw fail(exists ? 'version.mismatch' : 'resource.not_found')
  }
  await setRolesAndTeams(trx, id, changes.roles, changes.teamIds)
  // Disabling, or taking roles away, takes effect on the very next request.
  if (changes.disabled || changes.roles) await revokeUserSessions(trx, id)
}

export async function resetMfa(trx: Trx, id: string, now: string): Promise<void> {
  await trx
    .updateTable('users')
    .set((eb) => ({ mfa_enabled: 0, mfa_secret_sealed: null, mfa_last_step: 0, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
  await revokeUserSessions(trx, id)
}

/** A new activation link: the user's password is cleared and they choose a new one. */
export async function reissueActivation(trx: Trx, id: string, now: string): Promise<string> {
  const activation = newActivation(Date.parse(now))
  await trx
    .updateTable('users')
    .set((eb) => ({
      password_hash: null,
      activation_token_hash: activation.hash,
      activation_expires_at: activation.expiresAt,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .execute()
  await revokeUserSessions(trx, id)
  return activation.token
}
