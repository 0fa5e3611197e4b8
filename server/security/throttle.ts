import { asStaff, type StaffTx } from '../http/staff-fence'

/** Per-account and per-address limits; kept in the database so that every instance agrees. */
export const LIMITS = {
  account: { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { failures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const

type Kind = keyof typeof LIMITS

/**
 * Counts one attempt under `key` BEFORE its password or code is checked, and says whether it may
 * be checked. The count is one statement (insert, or add one on conflict) that returns the new
 * count, so attempts sent at the same moment each get their own number: at most `failures` of
 * them are ever checked per window. The attempt past the limit starts a lock of `lockMs`; during
 * the lock every attempt is refused unchecked; after it, or after a quiet window, counting
 * starts again at one. Call it outside any transaction, so that the count is committed at once.
 */
export async function countAttempt(db: StaffTx, kind: Kind, key: string, now = Date.now()): Promise<boolean> {
  const limit = LIMITS[kind]
  const at = new Date(now).toISOString()
  // ISO-8601 UTC strings of one format sort as the instants they name, on both engines.
  const windowOpenedBefore = new Date(now - limit.windowMs).toISOString()
  const lockUntil = new Date(now + limit.lockMs).toISOString()
  const row = await asStaff(db)
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_start: at, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const locked = eb('login_throttle.locked_until', '>', at)
        // A window gone quiet, or a lock that has run out: counting starts again.
        const restart = eb.or([
          eb('login_throttle.window_start', '<=', windowOpenedBefore),
          eb('login_throttle.locked_until', 'is not', null),
        ])
        const next = eb('login_throttle.failures', '+', 1)
        return {
          failures: eb.case().when(locked).then(next).when(restart).then(eb.val(1)).else(next).end(),
          window_start: eb
            .case()
            .when(locked)
            .then(eb.ref('login_throttle.window_start'))
            .when(restart)
            .then(eb.val(at))
            .else(eb.ref('login_throttle.window_start'))
            .end(),
          locked_until: eb
            .case()
            .when(locked)
            .then(eb.ref('login_throttle.locked_until'))
            .when(restart)
            .then(eb.val<string | null>(null))
            .when(next, '>', limit.failures)
            .then(eb.val<string | null>(lockUntil))
            .else(eb.val<string | null>(null))
            .end(),
        }
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow()
  return Number(row.failures) <= limit.failures
}

/** A success on an account: its failures are forgotten. */
export async function clearFailures(db: StaffTx, key: string): Promise<void> {
  await asStaff(db).deleteFrom('login_throttle').where('key', '=', key).execute()
}

/**
 * A success from an address takes back its own count and leaves the failures of others: an
 * office behind one address may sign in all day, a guesser there is still stopped.
 */
export async function uncountAttempt(db: StaffTx, key: string): Promise<void> {
  await asStaff(db)
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute()
}
