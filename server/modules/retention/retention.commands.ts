import crypto from 'node:crypto'
import type { z } from 'zod'
import type { LegalHoldInput, RetentionKind, RetentionScheduleInput } from '../../../common/contracts/retention.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { dpoCaseByCode, dpoCases } from '../../security/dpo-door'

/** Sets a kind's term; the first setting creates the row (version 1), later ones need its version. */
export async function setSchedule(
  ctx: RequestContext,
  trx: Trx,
  kind: RetentionKind,
  input: z.output<typeof RetentionScheduleInput>,
  expected: number,
): Promise<void> {
  const now = ctx.now()
  const row = await trx.selectFrom('retention_schedules').select('version').where('kind', '=', kind).executeTakeFirst()
  // A kind never set reads as version 0: setting it is then a change from that version.
  if ((row?.version ?? 0) !== expected) throw fail('version.mismatch')
  if (input.months !== null && !input.legalReason) throw invalidField('legalReason', 'required', 'Say why this term: the law or the policy')
  const values = {
    months: input.months,
    legal_reason: input.legalReason,
    updated_by: ctx.user.userId,
    updated_at: now,
    version: expected + 1,
  }
  if (row) {
    const r = await trx
      .updateTable('retention_schedules')
      .set(values)
      .where('kind', '=', kind)
      .where('version', '=', expected)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) === 0) throw fail('version.mismatch')
  } else {
    await trx
      .insertInto('retention_schedules')
      .values({ kind, ...values })
      .execute()
  }
}

/** Places a hold on a case found by its code; the reason sealed with the client's key. */
export async function placeHold(
  ctx: RequestContext,
  trx: Trx,
  input: z.output<typeof LegalHoldInput>,
): Promise<{ id: string; personId: string; caseId: string }> {
  const acc = await dpoCaseByCode(trx, input.caseCode)
  if (!acc) throw invalidField('caseCode', 'unknown_case', 'No case has this code')
  const held = await trx
    .selectFrom('legal_holds')
    .select('id')
    .where('accompaniment_id', '=', acc.id)
    .where('lifted_at', 'is', null)
    .executeTakeFirst()
  if (held) throw invalidField('caseCode', 'already_held', 'This case is already under a legal hold')
  const id = crypto.randomUUID()
  const now = ctx.now()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await trx
    .insertInto('legal_holds')
    .values({
      id,
      accompaniment_id: acc.id,
      review_on: input.reviewOn,
      placed_by: ctx.user.userId,
      placed_at: now,
      lifted_by: null,
      lifted_at: null,
      version: 1,
      ...ctx.codec.sealRow('legal_holds', key, id, { reason: input.reason, lift_reason: null }),
    })
    .execute()
  return { id, personId: acc.person_id, caseId: acc.id }
}

/** Lifts a hold (final): retention applies to the case again from its own term. */
export async function liftHold(
  ctx: RequestContext,
  trx: Trx,
  holdId: string,
  expected: number,
  reason: string,
): Promise<{ personId: string; caseId: string }> {
  const row = await trx
    .selectFrom('legal_holds')
    .select(['version', 'lifted_at', 'accompaniment_id'])
    .where('id', '=', holdId)
    .executeTakeFirst()
  const [acc] = row ? await dpoCases(trx, [row.accompaniment_id]) : []
  if (!row || !acc) throw fail('resource.not_found')
  const hold = { ...row, person_id: acc.person_id, case_id: acc.id }
  if (hold.version !== expected) throw fail('version.mismatch')
  if (hold.lifted_at) throw fail('state.invalid_transition')
  const key = await ctx.codec.personKey(trx, hold.person_id)
  await trx
    .updateTable('legal_holds')
    .set({
      lifted_by: ctx.user.userId,
      lifted_at: ctx.now(),
      version: expected + 1,
      ...ctx.codec.sealRow('legal_holds', key, holdId, { lift_reason: reason }),
    })
    .where('id', '=', holdId)
    .where('version', '=', expected)
    .execute()
  return { personId: hold.person_id, caseId: hold.case_id }
}
