import { asStaff, type StaffTx } from '../http/staff-fence'

/**
 * Refusals per user and minute. Each refusal (403, or a 404 on an object the caller may not
 * see) is worth an audit entry, which makes them a way to flood the log: past the limit a user
 * gets one `rate.limited` entry, then 429 on every data route until the minute is over. Keyed by
 * user id rather than session, so that signing out and in again does not start a fresh count.
 * Kept in the database (`denial_windows`, one row per user), so that every instance serving it
 * counts the same refusals and a restart forgets nothing; the window is read with the session
 * (security/sessions.ts), so that the check costs no round trip of its own.
 */
export type Verdict = 'record' | 'first_over' | 'over'

/** A user's current count, as read with their session. */
export type DenialWindow = { windowStart: string; refusals: number }

const WINDOW_MS = 60_000

export class DenialLimiter {
  constructor(private readonly perMinute: number) {}

  /**
   * Counts one refusal for this user and says whether to record it. One statement (insert, or
   * add one on conflict) returns the new count, so refusals made at the same moment on several
   * instances each get their own number: exactly one of them is `first_over`. Runs outside any
   * transaction, so that the count is committed at once.
   */
  async note(db: StaffTx, userId: string, now = Date.now()): Promise<Verdict> {
    const at = new Date(now).toISOString()
    // ISO-8601 UTC strings of one format sort as the instants they name, on both engines.
    const openedBefore = new Date(now - WINDOW_MS).toISOString()
    const row = await asStaff(db)
      .insertInto('denial_windows')
      .values({ user_id: userId, window_start: at, refusals: 1 })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet((eb) => {
          const over = eb('denial_windows.window_start', '<=', openedBefore)
          return {
            refusals: eb
              .case()
              .when(over)
              .then(eb.val(1))
              .else(eb('denial_windows.refusals', '+', 1))
              .end(),
            window_start: eb.case().when(over).then(eb.val(at)).else(eb.ref('denial_windows.window_start')).end(),
          }
        }),
      )
      .returning('refusals')
      .executeTakeFirstOrThrow()
    const count = Number(row.refusals)
    if (count <= this.perMinute) return 'record'
    return count === this.perMinute + 1 ? 'first_over' : 'over'
  }

  /** Whether this user, whose window was read with their session, is past the limit this minute. */
  blocked(window: DenialWindow | null | undefined, now = Date.now()): boolean {
    return !!window && now - Date.parse(window.windowStart) < WINDOW_MS && window.refusals > this.perMinute
  }

  /** Reads a user's window (for callers that did not read it with a session). */
  async window(db: StaffTx, userId: string): Promise<DenialWindow | null> {
    const row = await asStaff(db)
      .selectFrom('denial_windows')
      .select(['window_start', 'refusals'])
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row ? { windowStart: row.window_start, refusals: Number(row.refusals) } : null
  }
}
