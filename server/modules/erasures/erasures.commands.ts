import type { ErasureRefusalReason } from '../../../common/contracts/erasures.contracts'
import crypto from 'node:crypto'
import type { Actor, RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { erasePerson, type ErasureOutcome, erasureBlockers, erasureSubject, personsOfTeams } from '../../security/person-erasure'
import { requireDpoRequest } from '../dpo-requests/dpo-requests.lookup'

export const ERASURE_COLUMNS = [
  'id',
  'person_id',
  'request_id',
  'status',
  'proposed_by',
  'proposed_at',
  'decided_by',
  'decided_at',
  'refusal_reason',
  'version',
] as const

/**
 * The DPO proposes to erase a person under an open erasure request about them. Refused while a
 * case of theirs is open or under a judicial mandate still running (the DPO then records the
 * refusal on the request), and while another proposal waits.
 */
export async function proposeErasure(trx: Trx, actor: Actor, personId: string, requestId: string, now: string): Promise<string> {
  await requireDpoRequest(trx, requestId, ['erasure'], personId)
  const subject = await erasureSubject(trx, personId)
  if (subject.erasedAt) throw fail('resource.erased')
  const blocker = await erasureBlockers(trx, personId, now.slice(0, 10))
  if (blocker === 'open') throw fail('erasure.case_open')
  if (blocker === 'mandate') throw fail('erasure.mandate_running')
  const pending = await trx
    .selectFrom('erasures')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'proposed')
    .executeTakeFirst()
  if (pending) throw fail('state.invalid_transition')
  const id = crypto.randomUUID()
  await trx
    .insertInto('erasures')
    .values({
      id,
      person_id: personId,
      request_id: requestId,
      status: 'proposed',
      proposed_by: actor.userId,
      proposed_at: now,
      decided_by: null,
      decided_at: null,
      version: 1,
    })
    .execute()
  return id
}

/** Whether the actor may decide: never the proposer; another DPO, or the lead of a team one of the person's cases belongs to. */
export async function mayDecide(trx: Trx, actor: Actor, row: { person_id: string; proposed_by: string; status: string }): Promise<boolean> {
  if (row.status !== 'proposed' || row.proposed_by === actor.userId) return false
  if (actor.roles.includes('dpo')) return true
  if (!actor.roles.includes('lead')) return false
  return (await personsOfTeams(trx, actor.teamIds, [row.person_id])).has(row.person_id)
}

async function decidable(trx: Trx, actor: Actor, id: string, version: number) {
  const row = await trx.selectFrom('erasures').select(ERASURE_COLUMNS).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  // A lead of another team learns nothing of it.
  if (!actor.roles.includes('dpo') && !(await personsOfTeams(trx, actor.teamIds, [row.person_id])).has(row.person_id))
    throw fail('resource.not_found')
  if (row.status !== 'proposed') throw fail('state.invalid_transition')
  if (row.proposed_by === actor.userId) throw fail('access.second_person_required')
  if (!(await mayDecide(trx, actor, row))) throw fail('access.forbidden')
  if (row.version !== version) throw fail('version.mismatch')
  return row
}

/** The second person confirms: the person is crypto-shredded in this very transaction. */
export async function confirmErasure(
  ctx: Pick<RequestContext, 'codec'>,
  trx: Trx,
  actor: Actor,
  id: string,
  version: number,
  now: string,
): Promise<{ personId: string; outcome: ErasureOutcome }> {
  const row = await decidable(trx, actor, id, version)
  // The state may have changed since the proposal: a case reopened meanwhile stops it.
  const blocker = await erasureBlockers(trx, row.person_id, now.slice(0, 10))
  if (blocker === 'open') throw fail('erasure.case_open')
  if (blocker === 'mandate') throw fail('erasure.mandate_running')
  const done = await trx
    .updateTable('erasures')
    .set({ status: 'confirmed', decided_by: actor.userId, decided_at: now, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'proposed')
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw fail('version.mismatch')
  const outcome = await erasePerson(trx, ctx.codec, row.person_id, now)
  return { personId: row.person_id, outcome }
}

export async function refuseErasure(
  trx: Trx,
  actor: Actor,
  id: string,
  version: number,
  reason: ErasureRefusalReason,
  now: string,
): Promise<string> {
  const row = await decidable(trx, actor, id, version)
  const done = await trx
    .updateTable('erasures')
    .set({ status: 'refused', decided_by: actor.userId, decided_at: now, refusal_reason: reason, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw fail('version.mismatch')
  return row.person_id
}
