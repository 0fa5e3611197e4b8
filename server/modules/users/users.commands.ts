import crypto from 'node:crypto'
import { ROLES, type Role } from '../../../common/roles'
import type { Trx } from '../../http/context'
import { AppError, fail, invalidField } from '../../http/errors'
import { revokeUserSessions } from '../../security/sessions'
import { activationHash } from '../auth/activate.command'
import type { Grants } from './access-plan'

const ACTIVATION_MS = 72 * 3_600_000

export type NewUser = { email: string; displayName: string; roles: Role[]; teamIds: string[]; organisationId?: string | null }

export async function checkTeams(trx: Trx, teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return
  const found = await trx.selectFrom('teams').select('id').where('id', 'in', teamIds).execute()
  if (found.length !== new Set(teamIds).size) throw invalidField('teamIds', 'unknown_team', 'Unknown team')
}

/**
 * A partner account belongs to one partner organisation, which must exist; no other account has
 * one. `roles`: what the account holds or waits for once this change is made.
 */
export async function checkOrganisation(trx: Trx, roles: readonly Role[], organisationId: string | null): Promise<void> {
  const partner = roles.includes('partner')
  if (partner && !organisationId) throw invalidField('organisationId', 'required', 'A partner account belongs to an organisation')
  if (!partner && organisationId)
    throw invalidField('organisationId', 'only_for_partner', 'Only a partner account belongs to an organisation')
  if (organisationId) {
    const org = await trx.selectFrom('partner_organisations').select('id').where('id', '=', organisationId).executeTakeFirst()
    if (!org) throw invalidField('organisationId', 'unknown_organisation', 'Unknown partner organisation')
  }
}

export async function setOrganisation(trx: Trx, userId: string, organisationId: string | null): Promise<void> {
  await trx.updateTable('users').set({ organisation_id: organisationId }).where('id', '=', userId).execute()
}

/** Gives roles and teams at once, skipping what the user holds already. */
export async function addGrants(trx: Trx, userId: string, grants: Grants): Promise<void> {
  const held = await grantsOf(trx, userId)
  const roles = [...new Set(grants.roles)].filter((r) => !held.roles.includes(r))
  const teamIds = [...new Set(grants.teamIds)].filter((id) => !held.teamIds.includes(id))
  if (roles.length)
    await trx
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute()
  if (teamIds.length)
    await trx
      .insertInto('user_teams')
      .values(teamIds.map((team_id) => ({ user_id: userId, team_id })))
      .execute()
}

export async function removeGrants(trx: Trx, userId: string, grants: Grants): Promise<void> {
  if (grants.roles.length) await trx.deleteFrom('user_roles').where('user_id', '=', userId).where('role', 'in', grants.roles).execute()
  if (grants.teamIds.length)
    await trx.deleteFrom('user_teams').where('user_id', '=', userId).where('team_id', 'in', grants.teamIds).execute()
}

/** The roles and teams a user holds now (waiting grants are elsewhere and give nothing). */
export async function grantsOf(trx: Trx, userId: string): Promise<Grants> {
  const [roles, teams] = await Promise.all([
    trx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute(),
    trx.selectFrom('user_teams').select('team_id').where('user_id', '=', userId).execute(),
  ])
  return { roles: ROLES.filter((r) => roles.some((x) => x.role === r)), teamIds: teams.map((t) => t.team_id) }
}

/** A new token whose hash only is stored; the plain token is shown once, to the admin. */
export function newActivation(now: number) {
  const token = crypto.randomBytes(24).toString('base64url')
  return { token, hash: activationHash(token), expiresAt: new Date(now + ACTIVATION_MS).toISOString() }
}

/**
 * Creates an account holding these roles and teams at once: for operator paths (the CLI, the demo
 * seed, the test harness), where the operator is the bootstrap. The admin route gives nothing at
 * once that needs a second person (see role-requests.commands.ts). Admins never choose passwords:
 * the user activates with a one-time link.
 */
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
      organisation_id: input.organisationId ?? null,
      activation_token_hash: password ? null : activation.hash,
      activation_expires_at: password ? null : activation.expiresAt,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute()
  await addGrants(trx, id, { roles: input.roles, teamIds: input.teamIds })
  return { id, token: activation.token }
}

export type UserChanges = { displayName?: string; disabled?: boolean }

/** Name and disabled state, with If-Match; bumps the version, which also covers roles, teams and what waits. */
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
  // Disabling signs the user out at once (a disabled account also has no session from here on).
  if (changes.disabled) await revokeUserSessions(trx, id)
}

/** A change of grants that is not an edit of the user (a confirmation): the version moves on. */
export async function bumpVersion(trx: Trx, id: string, now: string): Promise<void> {
  await trx
    .updateTable('users')
    .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
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
