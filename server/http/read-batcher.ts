import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { type AuditEntry, appendAudit, appendAuditMany } from '../security/audit.chain'
import { AuditDraft } from './context'
import { AppError } from './errors'

type Item = {
  fn: (trx: Kysely<Database>, audit: AuditDraft) => Promise<unknown>
  entryOf: (draft: AuditDraft) => AuditEntry
  resolve: (value: unknown) => void
  reject: (e: unknown) => void
}

/**
 * Group commit for reads of personal data. Each read runs, with its `viewed` entry, inside one
 * transaction shared by the reads that arrived together; results are released only after that
 * transaction commits. The audit chain's serialisation point (its head row) is then taken once
 * per batch instead of once per read, which is what lets audited reads scale.
 *
 * With `inFlight` above 1 (PostgreSQL, where each batch has its own connection), batches are
 * pipelined: once a batch's reads are done and it is appending and committing, the next batch
 * starts its transaction and its reads, then waits for the head row, which the previous batch
 * holds until its commit is on disk. Reads arriving during a commit no longer wait for that
 * commit before starting; each is still released only after its own batch has committed. At
 * most one batch reads at a time, so batches stay as large as the arrivals allow. On SQLite
 * (one connection) one batch runs at a time.
 */
export class ReadBatcher {
  private queue: Item[] = []
  /** A batch is gathering or running its reads: the next one starts when they are done. */
  private reading = false
  private running = 0
  private scheduled = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: { maxBatch?: number; inFlight?: number } = {},
  ) {}

  /** Batches started and not yet committed (or failed): for tests and diagnostics. */
  get batchesInFlight(): number {
    return this.running
  }

  run<T>(fn: Item['fn'], entryOf: Item['entryOf']): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, entryOf, resolve: resolve as (v: unknown) => void, reject })
      this.schedule()
    })
  }

  /** Starts a batch on the next turn of the event loop, so that reads arriving together share it. */
  private schedule(): void {
    if (this.scheduled || this.reading || this.running >= (this.options.inFlight ?? 1) || this.queue.length === 0) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      if (this.reading || this.running >= (this.options.inFlight ?? 1) || this.queue.length === 0) return
      const batch = this.queue.splice(0, this.options.maxBatch ?? 128)
      this.reading = true
      this.running++
      let done = false
      const readsDone = () => {
        if (done) return
        done = true
        this.reading = false
        this.schedule()
      }
      void this.flush(batch, readsDone).finally(() => {
        readsDone()
        this.running--
        this.schedule()
      })
    })
  }

  private async flush(batch: Item[], readsDone: () => void): Promise<void> {
    if (batch.length === 1) return this.runAlone(batch[0] as Item, readsDone)
    const outcomes: { item: Item; ok: boolean; value: unknown }[] = []
    try {
      await this.db.transaction().execute(async (trx) => {
        // The reads of a batch are started together: on PostgreSQL each waits for its round trips
        // on the one connection of the transaction while the others are sent (no pause in
        // between), and their entries are appended in arrival order whatever order they finish in.
        const settled = await Promise.allSettled(
          batch.map(async (item) => {
            const draft = new AuditDraft()
            return { value: await item.fn(trx, draft), draft }
          }),
        )
        readsDone()
        const entries: AuditEntry[] = []
        settled.forEach((s, i) => {
          const item = batch[i] as Item
          if (s.status === 'fulfilled') {
            entries.push(item.entryOf(s.value.draft))
            outcomes.push({ item, ok: true, value: s.value.value })
            // A refusal (404, 403) reads nothing and writes nothing: only that read fails.
          } else if (s.reason instanceof AppError) outcomes.push({ item, ok: false, value: s.reason })
          else throw s.reason
        })
        await appendAuditMany(trx, entries)
      })
    } catch {
      // A database error aborts the shared transaction: run each read on its own instead.
      for (const item of batch) await this.runAlone(item, readsDone)
      return
    }
    for (const o of outcomes) (o.ok ? o.item.resolve : o.item.reject)(o.value)
  }

  private async runAlone(item: Item, readsDone: () => void): Promise<void> {
    try {
      const value = await this.db.transaction().execute(async (trx) => {
        const draft = new AuditDraft()
        const result = await item.fn(trx, draft).finally(readsDone)
        await appendAudit(trx, item.entryOf(draft))
        return result
      })
      item.resolve(value)
    } catch (e) {
      item.reject(e)
    }
  }
}
