/**
 * Refusals per user and minute. Each refusal (403, or a 404 on an object the caller may not
 * see) is worth an audit entry, which makes them a way to flood the log: past the limit a user
 * gets one `rate.limited` entry, then 429 on every data route until the minute is over. Keyed by
 * user id rather than session, so that signing out and in again does not start a fresh count.
 * Kept in memory: with several instances each counts its own (and a restart forgets), which
 * still bounds the flood.
 */
export type Verdict = 'record' | 'first_over' | 'over'

const WINDOW_MS = 60_000
const MAX_KEYS = 50_000

export class DenialLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(private readonly perMinute: number) {}

  private window(key: string, now: number) {
    let w = this.windows.get(key)
    if (!w || now - w.start >= WINDOW_MS) {
      if (this.windows.size >= MAX_KEYS) this.prune(now)
      w = { start: now, count: 0 }
      this.windows.set(key, w)
    }
    return w
  }

  /** Counts one refusal for this user and says whether to record it. */
  note(key: string, now = Date.now()): Verdict {
    const w = this.window(key, now)
    w.count += 1
    if (w.count <= this.perMinute) return 'record'
    return w.count === this.perMinute + 1 ? 'first_over' : 'over'
  }

  /** Whether this user has gone past the limit in the current minute. */
  blocked(key: string, now = Date.now()): boolean {
    const w = this.windows.get(key)
    return !!w && now - w.start < WINDOW_MS && w.count > this.perMinute
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(k)
    // Still full of live windows: forget the oldest rather than grow without bound.
    if (this.windows.size >= MAX_KEYS) this.windows.delete(this.windows.keys().next().value as string)
  }
}
