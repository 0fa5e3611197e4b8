import type { InferResult } from 'kysely'
import type { Agreement, PlanCompletion, PlanContent, PlanVersionSummary, PlanView } from '../../../common/contracts/plans.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, rowsOf } from '../../security/case-access'

export const EMPTY_AGREEMENT: Agreement = { status: 'not_yet', on: null, words: null }

const COLUMNS = [
  'plan_versions.id',
  'plan_versions.version',
  'plan_versions.content_sealed',
  'plan_versions.created_at',
  'users.display_name',
] as const

function base(trx: Trx, acc: OpenedCase) {
  return rowsOf(trx, acc, 'plan_versions').innerJoin('users', 'users.id', 'plan_versions.created_by').select(COLUMNS)
}

type VersionRow = InferResult<ReturnType<typeof base>>[number]

function open(ctx: RequestContext, key: Buffer, row: VersionRow): PlanContent {
  return ctx.codec.openRow('plan_versions', key, row.id, row).content
}

function view(acc: OpenedCase, row: VersionRow | undefined, content: PlanContent | null): PlanView {
  return {
    accompanimentId: acc.id,
    version: row?.version ?? 0,
    savedAt: row?.created_at ?? null,
    savedBy: row?.display_name ?? null,
    goals: content?.goals ?? [],
    agreement: content?.agreement ?? EMPTY_AGREEMENT,
  }
}

/** The current plan of a case (its latest version); version 0 and no goals when none was saved. */
export async function currentPlan(ctx: RequestContext, trx: Trx, acc: OpenedCase): Promise<PlanView> {
  const row = await base(trx, acc).orderBy('plan_versions.version', 'desc').limit(1).executeTakeFirst()
  if (!row) return view(acc, undefined, null)
  return view(acc, row, open(ctx, await ctx.codec.personKey(trx, acc.person_id), row))
}

/** One earlier (or the current) version, exactly as it was saved; undefined when there is none. */
export async function planVersion(ctx: RequestContext, trx: Trx, acc: OpenedCase, version: number): Promise<PlanView | undefined> {
  const row = await base(trx, acc).where('plan_versions.version', '=', version).executeTakeFirst()
  if (!row) return undefined
  return view(acc, row, open(ctx, await ctx.codec.personKey(trx, acc.person_id), row))
}

/** Every version, newest first, with counts taken from the sealed content (one key fetch). */
export async function planHistory(ctx: RequestContext, trx: Trx, acc: OpenedCase): Promise<PlanVersionSummary[]> {
  const rows = await base(trx, acc).orderBy('plan_versions.version', 'desc').execute()
  if (rows.length === 0) return []
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows.map((row) => {
    const content = open(ctx, key, row)
    const steps = content.goals.flatMap((g) => g.steps)
    return {
      version: row.version,
      savedAt: row.created_at,
      savedBy: row.display_name,
      goals: content.goals.length,
      steps: steps.length,
      done: steps.filter((s) => s.status === 'done').length,
      agreement: content.agreement.status,
    }
  })
}

/** Counts of the current plan, for the progress overview; carries no text of the plan. */
export function completionOf(plan: Pick<PlanView, 'version' | 'goals' | 'agreement'>): PlanCompletion {
  const byDomain: PlanCompletion['byDomain'] = {}
  let steps = 0
  let done = 0
  let inProgress = 0
  let dropped = 0
  for (const goal of plan.goals) {
    const d = (byDomain[goal.domain] ??= { steps: 0, done: 0 })
    for (const step of goal.steps) {
      steps++
      d.steps++
      if (step.status === 'done') {
        done++
        d.done++
      } else if (step.status === 'in_progress') inProgress++
      else if (step.status === 'dropped') dropped++
    }
  }
  return { version: plan.version, goals: plan.goals.length, steps, done, inProgress, dropped, byDomain, agreement: plan.agreement.status }
}
