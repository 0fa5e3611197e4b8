import crypto from 'node:crypto'
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Database } from '../db/schema'
import type { Services } from '../http/context'
import { systemContext } from '../seed/system-context'
import { describeError, type JobDefinition, JobError, type RunningJob } from './job.definition'
import type { JobRow } from './jobs.queue'

export type RunnerOptions = {
  /** Jobs run at the same time by this runner (default 2). */
  concurrency?: number
  /** How often an idle runner looks for due jobs (default 1 s). */
  pollMs?: number
  /** How long a claim holds without renewal (default 60 s); it is renewed every third of that. */
  leaseMs?: number
  /** Most backoff before a retry, whatever the attempt (default 1 hour). */
  maxBackoffMs?: number
  /** Told when a job fails or is given up, by id, kind and error code only. */
  log?: (event: { jobId: string; kind: string; outcome: 'retry' | 'failed'; error: string }) => void
}

const DEFAULT_BACKOFF_MS = 30_000

/** Lost the lease: another instance has taken the job over, or an operator changed it. */
export class LeaseLost extends Error {}

/**
 * Runs jobs of the kinds it knows, each once whatever the number of runners and instances.
 *
 * A runner claims a due job in one statement that sets a fresh lease token and `lease_until`:
 * on PostgreSQL the candidate is picked `FOR UPDATE SKIP LOCKED`, so that runners of several
 * instances never wait on or take the same row; on SQLite the statement itself is atomic (one
 * writer at a time). While the handler works the lease is renewed every third of its length;
 * every later change of the job (progress, the handler's writes, done, retry, failed) names the
 * token and changes nothing once it is lost. A job whose lease ran out (its instance died or
 * stalled) is due again and another runner takes it over, counting an attempt.
 */
export class JobRunner {
  readonly #services: Services
  readonly #kinds: Map<string, JobDefinition>
  readonly #running = new Map<string, { kind: string; done: Promise<void>; abort: AbortController }>()
  readonly #options: Required<Omit<RunnerOptions, 'log'>> & Pick<RunnerOptions, 'log'>
  #timer: NodeJS.Timeout | null = null
  #stopped = true
  /** The claim under way, if any: claims are made one after another (see #take). */
  #claiming: Promise<unknown> = Promise.resolve()

  constructor(services: Services, kinds: readonly JobDefinition[], options: RunnerOptions = {}) {
    this.#services = services
    this.#kinds = new Map(kinds.map((k) => [k.kind, k]))
    if (this.#kinds.size !== kinds.length) throw new Error('two job definitions share a kind')
    this.#options = { concurrency: 2, pollMs: 1000, leaseMs: 60_000, maxBackoffMs: 3_600_000, ...options }
  }

  /** Starts polling for due jobs. */
  start(): this {
    if (!this.#stopped) return this
    this.#stopped = false
    this.#schedule(0)
    return this
  }

  /**
   * Stops claiming, then waits for the jobs running here. Past `graceMs` they are told to stop
   * (their signal aborts) and awaited; a job that stops unfinished keeps its lease until it runs
   * out, and another instance then takes it over.
   */
  async stop(graceMs = 30_000): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    const all = () => Promise.allSettled([...this.#running.values()].map((r) => r.done))
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs)
    })
    if ((await Promise.race([all(), late])) === 'late') {
      for (const r of this.#running.values()) r.abort.abort(new Error('runner stopping'))
      await all()
    }
    clearTimeout(timer)
  }

  /** Jobs running here now. */
  get busy(): number {
    return this.#running.size
  }

  /** Claims one due job and runs it to its end; false when none was due. For tests and the CLI. */
  async runOnce(): Promise<boolean> {
    const taken = await this.#take(() => false)
    if (!taken) return false
    await taken.done
    return true
  }

  /**
   * Claims a due job and counts it as running here, one claim at a time: two claims that
   * overlap (the polling loop woken twice, runOnce beside it) would otherwise both see a kind
   * that runs alone as idle and both take one. `refuse` is asked once a job is claimed; when it
   * says so, the job is not run and its lease runs out for another runner.
   */
  #take(refuse: () => boolean): Promise<{ done: Promise<void> } | undefined> {
    const taken = this.#claiming.then(async () => {
      const row = await this.#claim()
      if (!row || refuse()) return undefined
      const abort = new AbortController()
      const done = this.#run(row, abort).finally(() => {
        this.#running.delete(row.id)
        // A slot is free: look again at once rather than after a whole poll interval.
        this.#schedule(0)
      })
      this.#running.set(row.id, { kind: row.kind, done, abort })
      return { done }
    })
    this.#claiming = taken.catch(() => undefined)
    return taken
  }

  #schedule(ms: number): void {
    if (this.#stopped) return
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#poll(), ms)
    this.#timer.unref()
  }

  async #poll(): Promise<void> {
    this.#timer = null
    try {
      while (!this.#stopped && this.#running.size < this.#options.concurrency) {
        // Claimed just as the runner stopped: the lease runs out and another runner takes it.
        const taken = await this.#take(() => this.#stopped)
        if (!taken) break
      }
    } catch {
      // The database is unreachable for now: try again at the next poll.
    }
    if (!this.#timer) this.#schedule(this.#options.pollMs)
  }

  async #claim(): Promise<JobRow | undefined> {
    const { db, kind: engine } = this.#services
    // A kind that runs alone is not claimed while one of it runs here.
    const busy = new Set([...this.#running.values()].map((r) => r.kind))
    const kinds = [...this.#kinds.values()].filter((k) => !(k.alone && busy.has(k.kind))).map((k) => k.kind)
    if (kinds.length === 0) return undefined
    const now = new Date()
    const at = now.toISOString()
    const due = (eb: ExpressionBuilder<Database, 'jobs'>): Expression<SqlBool> =>
      eb.or([
        eb.and([eb('jobs.state', '=', 'queued'), eb('jobs.run_after', '<=', at)]),
        eb.and([eb('jobs.state', '=', 'running'), eb('jobs.lease_until', '<', at)]),
      ])
    let pick = db.selectFrom('jobs').select('jobs.id').where('jobs.kind', 'in', kinds).where(due).orderBy('jobs.run_after').limit(1)
    if (engine === 'postgres') pick = pick.forUpdate().skipLocked()
    return db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        lease_token: crypto.randomUUID(),
        lease_until: new Date(now.getTime() + this.#options.leaseMs).toISOString(),
        attempts: eb('attempts', '+', 1),
        updated_at: at,
      }))
      .where('jobs.id', '=', pick)
      .where(due)
      .returningAll()
      .executeTakeFirst()
  }

  async #run(row: JobRow, abort = new AbortController()): Promise<void> {
    const { db } = this.#services
    const token = row.lease_token as string
    const mine = () => db.updateTable('jobs').where('id', '=', row.id).where('lease_token', '=', token).where('state', '=', 'running')
    const finish = async (values: Partial<JobRow>) => {
      await mine()
        .set({ ...values, lease_token: null, lease_until: null, updated_at: new Date().toISOString() })
        .execute()
    }
    const definition = this.#kinds.get(row.kind)
    const attempt = Number(row.attempts)
    if (!definition) return
    if (attempt > Number(row.max_attempts)) {
      // Its last attempt's instance died or stalled, and the lease ran out.
      await finish({ state: 'failed', last_error: 'lease.expired', finished_at: new Date().toISOString() })
      return
    }
    const parsed = definition.payload.safeParse(JSON.parse(row.payload))
    if (!parsed.success) {
      await finish({ state: 'failed', last_error: 'payload.invalid', finished_at: new Date().toISOString() })
      return
    }
    const renew = setInterval(() => {
      void mine()
        .set({ lease_until: new Date(Date.now() + this.#options.leaseMs).toISOString() })
        .executeTakeFirst()
        .then((r) => {
          if (Number(r.numUpdatedRows) === 0) abort.abort(new LeaseLost('lease lost'))
        })
        .catch(() => undefined)
    }, this.#options.leaseMs / 3)
    renew.unref()
    try {
      await definition.handler(await this.#job(row, token, parsed.data, abort))
      await finish({ state: 'done', finished_at: new Date().toISOString(), last_error: null })
    } catch (e) {
      const error = abort.signal.aborted && !(e instanceof JobError) ? 'lease.lost' : describeError(e)
      if (attempt >= Number(row.max_attempts)) {
        await finish({ state: 'failed', last_error: error, finished_at: new Date().toISOString() }).catch(() => undefined)
        this.#options.log?.({ jobId: row.id, kind: row.kind, outcome: 'failed', error })
      } else {
        const backoff = Math.min((definition.backoffMs ?? DEFAULT_BACKOFF_MS) * 2 ** (attempt - 1), this.#options.maxBackoffMs)
        const runAfter = new Date(Date.now() + backoff).toISOString()
        await finish({ state: 'queued', last_error: error, run_after: runAfter }).catch(() => undefined)
        this.#options.log?.({ jobId: row.id, kind: row.kind, outcome: 'retry', error })
      }
    } finally {
      clearInterval(renew)
    }
  }

  async #job(row: JobRow, token: string, payload: unknown, abort: AbortController): Promise<RunningJob<unknown>> {
    const ctx = await systemContext(this.#services, null, `job:${row.id}`)
    const db = this.#services.db
    const lost = () => {
      abort.abort(new LeaseLost('lease lost'))
      return new LeaseLost('lease lost')
    }
    return {
      id: row.id,
      kind: row.kind,
      payload,
      attempt: Number(row.attempts),
      signal: abort.signal,
      codec: ctx.codec,
      services: ctx.services,
      async progress(done, total = null) {
        const r = await db
          .updateTable('jobs')
          .set({ progress_done: done, progress_total: total, updated_at: new Date().toISOString() })
          .where('id', '=', row.id)
          .where('lease_token', '=', token)
          .where('state', '=', 'running')
          .executeTakeFirst()
        if (Number(r.numUpdatedRows) === 0) throw lost()
      },
      write: (action, fn) =>
        ctx.write(action, async (trx, audit) => {
          // Holds the job's row for the transaction: a takeover waits for it, or has happened
          // and this write rolls back.
          const held = await trx
            .updateTable('jobs')
            .set({ updated_at: new Date().toISOString() })
            .where('id', '=', row.id)
            .where('lease_token', '=', token)
            .where('state', '=', 'running')
            .executeTakeFirst()
          if (Number(held.numUpdatedRows) === 0) throw lost()
          audit.detail({ job: row.kind })
          return fn(trx, audit)
        }),
      read: (action, fn) => ctx.read(action, fn),
    }
  }
}
