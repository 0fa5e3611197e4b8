import crypto from 'node:crypto'
import type { EmergencyPath, Half, OpeningHours } from '../../../common/contracts/duty.contracts'
import type { Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { dutyStaff } from './duty.queries'

/**
 * Saves a versioned duty document when the caller's version is the current one (0: never set).
 * The first save inserts; a concurrent first save loses on the primary key and gets a 412, like a
 * stale update.
 */
async function saveDocument(trx: Trx, id: 'hours' | 'emergency_path', expected: number, content: unknown, userId: string, now: string) {
  const values = { content: JSON.stringify(content), version: expected + 1, updated_by: userId, updated_at: now }
  if (expected === 0) {
    const [res] = await trx
      .insertInto('duty_documents')
      .values({ id, ...values })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
    if (Number(res?.numInsertedOrUpdatedRows ?? 0) !== 1) throw fail('version.mismatch')
  } else {
    const res = await trx.updateTable('duty_documents').set(values).where('id', '=', id).where('version', '=', expected).executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
  }
  return expected + 1
}

export const saveHours = (trx: Trx, expected: number, hours: OpeningHours, userId: string, now: string) =>
  saveDocument(trx, 'hours', expected, hours, userId, now)

export const saveEmergencyPath = (trx: Trx, expected: number, path: EmergencyPath, userId: string, now: string) =>
  saveDocument(trx, 'emergency_path', expected, path, userId, now)

/** Puts someone on duty for a half-day (or nobody: `userId` null), if the slot is at the caller's version. */
export async function saveRotaSlot(
  trx: Trx,
  slot: { date: string; half: Half },
  expected: number,
  input: { userId: string | null; phone?: string | null },
  actorId: string,
  now: string,
): Promise<number> {
  if (input.userId && !(await dutyStaff(trx)).some((s) => s.id === input.userId))
    throw invalidField('userId', 'not_duty_staff', 'Not an active intake, worker or lead account')
  const values = { user_id: input.userId, phone: input.phone || null, version: expected + 1, updated_by: actorId, updated_at: now }
  if (expected === 0) {
    const [res] = await trx
      .insertInto('duty_rota')
      .values({ id: crypto.randomUUID(), on_date: slot.date, half: slot.half, ...values })
      .onConflict((oc) => oc.columns(['on_date', 'half']).doNothing())
      .execute()
    if (Number(res?.numInsertedOrUpdatedRows ?? 0) !== 1) throw fail('version.mismatch')
  } else {
    const res = await trx
      .updateTable('duty_rota')
      .set(values)
      .where('on_date', '=', slot.date)
      .where('half', '=', slot.half)
      .where('version', '=', expected)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
  }
  return expected + 1
}
