import type { z } from 'zod'
import type { AuditAction } from '../../common/audit-actions'
import type { AuditDraft, ModuleServices, RecordingCodec, Trx } from '../http/context'

/**
 * What a handler gets: the job's ids, a way to report progress, and audited transactions of a
 * system context (no actor; the entry's request id is `job:<id>`), never a raw database.
 */
export type RunningJob<P> = {
  readonly id: string
  readonly kind: string
  readonly payload: P
  /** 1 on the first run, 2 on the first retry… */
  readonly attempt: number
  /** Aborted when the lease is lost (another instance took the job over) or the runner stops. */
  readonly signal: AbortSignal
  /** Records `done` out of `total` (null when unknown); throws when the lease was lost. */
  progress(done: number, total?: number | null): Promise<void>
  /**
   * `ctx.write` of the job's system context: one transaction with its audit entry, in which the
   * job's lease is checked and held; a job that lost its lease never commits a write.
   */
  write<T>(action: AuditAction, fn: (trx: Trx, audit: AuditDraft) => Promise<T>): Promise<T>
  /** `ctx.read` of the job's system context: personal data read with its `viewed` entry. */
  read<T>(action: AuditAction, fn: (trx: Trx, audit: AuditDraft) => Promise<T>): Promise<T>
  /** The recording codec: a person's key opens only inside `write` or `read`, and is recorded there. */
  readonly codec: RecordingCodec
  readonly services: ModuleServices
}

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  /** `noun.verb`, stable: it is stored with every job. */
  kind: string
  /** Ids, or sealed values; never personal data in plaintext (checked at enqueue). */
  payload: S
  /** Runs in all, retries included (default 5). */
  maxAttempts?: number
  /** Wait before the first retry, doubled at each further one (default 30 s, at most 1 hour). */
  backoffMs?: number
  /**
   * At most one job of this kind runs at a time in a runner (an instance), whatever its
   * concurrency: for jobs that hold much memory, such as a study's extract, two at once would
   * double the process's peak. Others of the kind wait, queued, and other kinds run beside.
   */
  alone?: boolean
  /**
   * Does the work. May run again after a failure, or on another instance when this one died
   * mid-job (its lease ran out): make it safe to repeat, e.g. by checking in `write` what is done.
   */
  handler: (job: RunningJob<z.output<S>>) => Promise<void>
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition
}

/**
 * A failure a handler names with a stable code (`mail.refused`, `export.too_large`): stored as
 * the job's last error. Any other error is stored by its class name only, since a message may
 * quote personal data.
 */
export class JobError extends Error {
  constructor(readonly code: string) {
    super(code)
    if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/.test(code)) throw new Error('a job error code is dotted lower-case words')
  }
}

/** What may be stored of an error: its code, or its class name. Never its message. */
export function describeError(e: unknown): string {
  if (e instanceof JobError) return e.code
  if (e instanceof Error) return `error.${e.name.replace(/[^A-Za-z0-9_]/g, '').slice(0, 60) || 'Error'}`
  return 'error.unknown'
}

/**
 * A payload holds ids, codes, numbers, flags and sealed values. Free text — a space, an at sign,
 * a line break — is refused: names, notes and e-mail addresses cannot be queued in plaintext by
 * mistake. (A single word still passes: the rule is the guard's, the review's is to use ids.)
 */
export function checkPayload(value: unknown, path = 'payload'): void {
  if (typeof value === 'string') {
    if (/[\s@]/.test(value)) throw new Error(`${path} looks like free text; a job payload carries ids or sealed values`)
    return
  }
  if (Array.isArray(value)) value.forEach((v, i) => checkPayload(v, `${path}.${i}`))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkPayload(v, `${path}.${k}`)
}
