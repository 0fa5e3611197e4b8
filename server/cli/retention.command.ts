import type { RequestContext } from '../http/context'
import { approvedRun, executeRun, listRuns } from '../modules/retention/retention.runs'

/**
 * `retention run`: only the DPO approves a run (in the app, under their own account); the command
 * carries out a run approved and not yet carried out, or says which proposal waits. Exit 2: nothing
 * to carry out.
 */
export async function retentionRunCommand(ctx: RequestContext): Promise<number> {
  const result = await ctx.write('retention.run_executed', async (trx, audit) => {
    const id = await approvedRun(trx)
    if (!id) return null
    audit.subject('retention_run', id)
    const done = await executeRun(trx, ctx.codec, id, ctx.now())
    audit.shows(done.personIds).detail({ persons: done.personIds.length, via: 'cli' })
    return { id, ...done }
  })
  if (!result) {
    const runs = await ctx.read('retention.runs_listed', async (trx) => listRuns(trx))
    const waiting = runs.filter((r) => r.status === 'proposed')
    if (waiting.length === 0) console.log('no retention run approved, none proposed: see `retention run --dry-run`')
    for (const r of waiting)
      console.log(`run ${r.id} of ${r.asOf} waits for the DPO's approval (${r.total} items): approve it on /dpo/retention`)
    return 2
  }
  for (const ref of result.documents) await ctx.services.documents.discard(ref)
  console.log(`retention run ${result.id} carried out on ${result.report.asOf}: ${result.report.persons} persons erased`)
  for (const k of result.report.kinds) {
    const skipped = Object.values(k.skipped).reduce((n, x) => n + x, 0)
    console.log(
      `  ${k.kind.padEnd(18)} erased ${String(k.erased).padStart(6)}  anonymised ${String(k.anonymised).padStart(6)}  skipped ${skipped}`,
    )
  }
  return 0
}
