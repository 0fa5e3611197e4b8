import crypto from 'node:crypto'
import type { DpoAlertKind } from '../../../common/duties'
import type { Role } from '../../../common/roles'
import { toJson } from '../../db/json'
import type { Actor, Trx } from '../../http/context'
import { fail } from '../../http/errors'

/**
 * Alerts for the DPO (ADR 0007): written in the transaction of the act they are about, so that
 * the act cannot happen without its alert; acknowledged once, by a DPO other than the one the
 * alert is about or who caused it.
 */
export async function raiseDpoAlert(
  trx: Trx,
  a: { kind: DpoAlertKind; userId: string; actorId: string; grants: { roles: Role[]; teamIds: string[] }; now: string },
): Promise<string> {
  const id = crypto.randomUUID()
  await trx
    .insertInto('dpo_alerts')
    .values({
      id,
      kind: a.kind,
      user_id: a.userId,
      actor_id: a.actorId,
      at: a.now,
      roles: toJson(a.grants.roles),
      team_ids: toJson(a.grants.teamIds),
      acknowledged_by: null,
      acknowledged_at: null,
      version: 1,
    })
    .execute()
  return id
}

/** 404 unknown, 409 already acknowledged, 403 about oneself or one's own act, 412 stale version. */
export async function acknowledgeDpoAlert(trx: Trx, id: string, version: number, actor: Actor, now: string) {
  const row = await trx
    .selectFrom('dpo_alerts')
    .select(['id', 'user_id', 'actor_id', 'kind', 'acknowledged_at', 'version'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (row.acknowledged_at !== null) throw fail('state.invalid_transition')
  // A take-over of the DPO's own account is exactly what they must not be able to wave away.
  if (row.user_id === actor.userId) throw fail('access.self_change')
  if (row.actor_id === actor.userId) throw fail('access.second_person_required')
  if (row.version !== version) throw fail('version.mismatch')
  const done = await trx
    .updateTable('dpo_alerts')
    .set((eb) => ({ acknowledged_by: actor.userId, acknowledged_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) === 0) throw fail('state.invalid_transition')
  return { userId: row.user_id, kind: row.kind }
}
