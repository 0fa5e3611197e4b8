import crypto from 'node:crypto'
import { ROLES, type Role } from '../../../common/roles'
import { fromJson, type Json, toJson } from '../../db/json'
import type { Actor, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { revokeUserSessions } from '../../security/sessions'
import { raiseDpoAlert } from '../dpo-alerts/dpo-alerts.commands'
import { type AccessPlan, type Grants, isEmpty } from './access-plan'
import { addGrants, bumpVersion, removeGrants } from './users.commands'

/**
 * Roles and teams that wait for a second person (ADR 0007). They are kept in `role_requests`,
 * apart from `user_roles` and `user_teams`, which are all that a session reads: a waiting grant
 * cannot give anything by mistake. At most one request waits per user.
 */

/** The roles of a grant in their usual order. */
export const parseRoles = (json: Json<Role[]>): Role[] => {
  const list = fromJson(json)
  return ROLES.filter((r) => list.includes(r))
}
export const parseIds = (json: Json<string[]>): string[] => fromJson(json)

export type PendingRequest = Grants & { id: string; requestedBy: string; requestedAt: string }

export async function pendingOf(trx: Trx, userId: string): Promise<PendingRequest | null> {
  const row = await trx
    .selectFrom('role_requests')
    .select(['id', 'roles', 'team_ids', 'requested_by', 'requested_at'])
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    roles: parseRoles(row.roles),
    teamIds: parseIds(row.team_ids),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
  }
}

export type AppliedPlan = {
  removed: Grants
  added: Grants
  /** The request that now waits for this user, if the change made one. */
  request: (Grants & { id: string }) | null
  /** The request this change replaced or dropped. */
  withdrawn: string | null
}

/** Carries out a plan in the caller's transaction: removals and direct grants now, the rest as a request. */
export async function applyPlan(
  trx: Trx,
  userId: string,
  plan: AccessPlan,
  pending: PendingRequest | null,
  actorId: string,
  now: string,
): Promise<AppliedPlan> {
  await removeGrants(trx, userId, plan.remove)
  await addGrants(trx, userId, plan.add)
  // Removing access takes effect on the very next request: the user signs in again.
  if (!isEmpty(plan.remove)) await revokeUserSessions(trx, userId)
  const out: AppliedPlan = { removed: plan.remove, added: plan.add, request: null, withdrawn: null }
  if (plan.keepPending) return out
  if (pending) {
    await trx
      .updateTable('role_requests')
      .set((eb) => ({ status: 'withdrawn', decided_by: actorId, decided_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', pending.id)
      .where('status', '=', 'pending')
      .execute()
    out.withdrawn = pending.id
  }
  if (!isEmpty(plan.request)) {
    const id = crypto.randomUUID()
    await trx
      .insertInto('role_requests')
      .values({
        id,
        user_id: userId,
        roles: toJson(plan.request.roles),
        team_ids: toJson(plan.request.teamIds),
        status: 'pending',
        requested_by: actorId,
        requested_at: now,
        decided_by: null,
        decided_at: null,
        reason: null,
        version: 1,
      })
      .execute()
    out.request = { id, ...plan.request }
  }
  return out
}

type Decision = { id: string; userId: string; requestedBy: string; grants: Grants }

/**
 * Takes a waiting request for a decision: 404 when there is none, 409 once decided, and a 403 for
 * the person who asked (confirming) or the user concerned (nobody decides on their own access).
 */
async function takeForDecision(trx: Trx, id: string, version: number, actor: Actor, confirming: boolean): Promise<Decision> {
  const row = await trx
    .selectFrom('role_requests')
    .select(['id', 'user_id', 'roles', 'team_ids', 'status', 'requested_by', 'version'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (row.status !== 'pending') throw fail('state.invalid_transition')
  if (row.user_id === actor.userId) throw fail('access.self_change')
  if (confirming && row.requested_by === actor.userId) throw fail('access.second_person_required')
  if (row.version !== version) throw fail('version.mismatch')
  return {
    id: row.id,
    userId: row.user_id,
    requestedBy: row.requested_by,
    grants: { roles: parseRoles(row.roles), teamIds: parseIds(row.team_ids) },
  }
}

async function close(
  trx: Trx,
  d: Decision,
  version: number,
  status: 'confirmed' | 'refused',
  actorId: string,
  now: string,
  reason: string | null,
) {
  // Guarded by status and version, so that two deciders at once cannot both win.
  const done = await trx
    .updateTable('role_requests')
    .set((eb) => ({ status, decided_by: actorId, decided_at: now, reason, version: eb('version', '+', 1) }))
    .where('id', '=', d.id)
    .where('status', '=', 'pending')
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) === 0) throw fail('state.invalid_transition')
  await bumpVersion(trx, d.userId, now)
}

/**
 * The second person confirms: the roles and teams are given, and the user has them from their
 * next request (sessions read roles and teams on each request). When another admin confirmed,
 * the DPO is told; when the DPO did, they know already.
 */
export async function confirmRequest(trx: Trx, id: string, version: number, actor: Actor, now: string) {
  const d = await takeForDecision(trx, id, version, actor, true)
  await close(trx, d, version, 'confirmed', actor.userId, now, null)
  await addGrants(trx, d.userId, d.grants)
  const alert = actor.roles.includes('dpo')
    ? null
    : await raiseDpoAlert(trx, { kind: 'grant_confirmed', userId: d.userId, actorId: actor.userId, grants: d.grants, now })
  return { ...d, alert }
}

/** Refusing gives nothing, so it needs no second person; only the user concerned may not decide. */
export async function refuseRequest(trx: Trx, id: string, version: number, actor: Actor, reason: string, now: string) {
  const d = await takeForDecision(trx, id, version, actor, false)
  await close(trx, d, version, 'refused', actor.userId, now, reason)
  return d
}
