import type { RequestContext } from '../http/context'
import { refreshProgressFacts } from '../modules/progress/progress-facts'
import { casesForMaintenance } from '../security/case-access'

const BATCH = 200

/**
 * `progress-facts backfill`: writes the progress facts (migration 0058) of every case saved before
 * they existed, decoding each case's reviews, plan and network once with its key, one audited
 * write per case (the entry names the case and its person). Running it again rewrites the same
 * facts. Erased cases have nothing left to read and keep no facts unless saved after 0058.
 */
export async function progressFactsBackfill(ctx: RequestContext, onProgress?: (done: number) => void): Promise<number> {
  let after: string | null = null
  let done = 0
  for (;;) {
    const batch = await ctx.read('progress_facts.backfilled', async (trx, audit) => {
      audit.detail({ listed: true })
      return casesForMaintenance(trx, after, BATCH)
    })
    if (batch.length === 0) return done
    for (const acc of batch) {
      await ctx.write('progress_facts.backfilled', async (trx, audit) => {
        audit.subject('accompaniment', acc.id)
        await refreshProgressFacts(ctx, trx, acc)
      })
      done++
      onProgress?.(done)
    }
    after = batch.at(-1)!.id
  }
}
