import { asStaff, type StaffTx } from '../http/staff-fence'

/** Per-account and per-address limits; kept in the database so that every instance agrees. */
export const LIMITS = {
  account: { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { failures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const

type Kind = keyof typeof LIMITS

export async function isLocked(db: StaffTx, key: string, now = Date.now()): Promise<boolean> {
  const row = await asStaff(db).selectFrom('login_throttle').select('locked_until').where('key', '=', key).executeTakeFirst()
  return !!row?.locked_until && Date.parse(row.locked_until) > now
}

export async function recordFailure(trx: StaffTx, kind: Kind, key: string, now = Date.now()): Promise<void> {
  const limit = LIMITS[kind]
  const row = await asStaff(trx).selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst()
  const fresh = !row || Date.parse(row.window_start) + limit.windowMs <= now
  const failures = fresh ? 1 : row.failures + 1
  const values = {
    failures,
    window_start: fresh ? new Date(now).toISOString() : row.window_start,
    locked_until: failures >= limit.failures ? new Date(now + limit.lockMs).toISOString() : null,
  }
  if (row) await asStaff(trx).updateTable('login_throttle').set(values).where('key', '=', key).execute()
  else
    await asStaff(trx)
      .insertInto('login_throttle')
      .values({ key, ...values })
      .execute()
}

export async function clearFailures(trx: StaffTx, key: string): Promise<void> {
  await asStaff(trx).deleteFrom('login_throttle').where('key', '=', key).execute()
}
