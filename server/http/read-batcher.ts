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
 */
export class ReadBatcher {
  private queue: Item[] = []
  private running = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch = 128,
  ) {}

  run<T>(fn: Item['fn'], entryOf: Item['entryOf']): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, entryOf, resolve: resolve as (v: unknown) => void, reject })
      if (!this.running) {
        this.running = true
        setImmediate(() => void this.drain())
      }
    })
  }

  /** One batch at a time: reads arriving during a commit wait for the next, and share it. */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.flush(this.queue.splice(0, this.maxBatch))
    this.running = false
  }

  private async flush(batch: Item[]): Promise<void> {
    if (batch.length === 1) return this.runAlone(batch[0] as Item)
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
      for (const item of batch) await this.runAlone(item)
      return
    }
    for (const o of outcomes) (o.ok ? o.item.resolve : o.item.reject)(o.value)
  }

  private async runAlone(item: Item): Promise<void> {
    try {
      const value = await this.db.transaction().execute(async (trx) => {
        const draft = new AuditDraft()
        const result = await item.fn(trx, draft)
        await appendAudit(trx, item.entryOf(draft))
        return result
      })
      item.resolve(value)
    } catch (e) {
      item.reject(e)
    }
  }
}
