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
        const entries: AuditEntry[] = []
        for (const item of batch) {
          const draft = new AuditDraft()
          try {
            const value = await item.fn(trx, draft)
            entries.push(item.entryOf(draft))
            outcomes.push({ item, ok: true, value })
          } catch (e) {
            // A refusal (404, 403) reads nothing and writes nothing: only that read fails.
            if (!(e instanceof AppError)) throw e
            outcomes.push({ item, ok: false, value: e })
          }
        }
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
