import type { LifeDomain, Perspective } from '../../../common/contracts/desistance.contracts'
import type { PlanContent } from '../../../common/contracts/plans.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { type ChangeableCase, deleteRows, insertRows } from '../../security/case-access'
import type { CaseRowValues } from '../../security/case-tables'
import { type ReviewPoint, reviewSeries } from '../assessments/assessments.queries'
import { networkChangeOf, networkSnapshotsOf } from '../network/network.queries'
import { currentPlan } from '../plans/plans.queries'

/**
 * The indexed facts the progress indicators read (table `case_progress_facts`, migration 0058).
 * Each saving command rewrites its case's facts of one kind in its own transaction, from what it
 * just saved, with the decoding the case's own screens use (reviewSeries, currentPlan,
 * networkSnapshotsOf): the indicators never open a sealed narrative.
 */
type Fact = CaseRowValues<'case_progress_facts'>
type Kind = Fact['kind']

async function replace(trx: Trx, acc: ChangeableCase, kind: Kind, facts: Fact[]) {
  await deleteRows(trx, acc, 'case_progress_facts').where('case_progress_facts.kind', '=', kind).execute()
  await insertRows(trx, acc, 'case_progress_facts', facts)
}

/** Per domain and rater: the first and the latest score given, oldest review first. */
export function reviewFacts(points: ReviewPoint[], now: string): Fact[] {
  const seen = new Map<string, { domain: LifeDomain; rater: Perspective; first: number; latest: number; n: number }>()
  for (const p of points)
    for (const [domain, byRater] of Object.entries(p.scores) as [LifeDomain, Partial<Record<Perspective, number>>][])
      for (const [rater, score] of Object.entries(byRater) as [Perspective, number][]) {
        const k = `${domain}|${rater}`
        const f = seen.get(k)
        if (f) {
          f.latest = score
          f.n++
        } else seen.set(k, { domain, rater, first: score, latest: score, n: 1 })
      }
  return [...seen.values()].map((f) => ({
    kind: 'review',
    domain: f.domain,
    rater: f.rater,
    first_value: f.first,
    latest_value: f.latest,
    count_a: 0,
    count_b: 0,
    observations: f.n,
    updated_at: now,
  }))
}

/**
 * Per domain of the current plan: goals done and goals open. A goal is done when it has steps,
 * none is still to do or under way, and at least one was done (dropped steps do not hold it open).
 */
export function planFacts(content: Pick<PlanContent, 'goals'>, now: string): Fact[] {
  const byDomain = new Map<LifeDomain, { done: number; open: number }>()
  for (const g of content.goals) {
    const d = byDomain.get(g.domain) ?? { done: 0, open: 0 }
    const done = g.steps.some((s) => s.status === 'done') && g.steps.every((s) => s.status === 'done' || s.status === 'dropped')
    if (done) d.done++
    else d.open++
    byDomain.set(g.domain, d)
  }
  return [...byDomain].map(([domain, d]) => ({
    kind: 'plan',
    domain,
    rater: '',
    first_value: null,
    latest_value: null,
    count_a: d.done,
    count_b: d.open,
    observations: d.done + d.open,
    updated_at: now,
  }))
}

export async function refreshReviewFacts(ctx: RequestContext, trx: Trx, acc: ChangeableCase): Promise<void> {
  await replace(trx, acc, 'review', reviewFacts(await reviewSeries(ctx, trx, acc), ctx.now()))
}

export async function refreshPlanFacts(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  content?: Pick<PlanContent, 'goals'>,
): Promise<void> {
  await replace(trx, acc, 'plan', planFacts(content ?? (await currentPlan(ctx, trx, acc)), ctx.now()))
}

/** Between the first and the latest snapshot; a single snapshot is recorded with nothing gained or left. */
export async function refreshNetworkFacts(ctx: RequestContext, trx: Trx, acc: ChangeableCase): Promise<void> {
  const snapshots = await networkSnapshotsOf(ctx, trx, acc)
  const latest = snapshots[0]
  const first = snapshots.at(-1)
  const change = networkChangeOf(snapshots)
  const supportive = (s: typeof latest) => s?.ties.filter((t) => t.valence === 'supportive').length ?? null
  const facts: Fact[] = latest
    ? [
        {
          kind: 'network',
          domain: '',
          rater: '',
          first_value: supportive(first),
          latest_value: supportive(latest),
          count_a: change?.sinceFirst.summary.supportiveGained ?? 0,
          count_b: change?.sinceFirst.summary.harmfulLeft ?? 0,
          observations: snapshots.length,
          updated_at: ctx.now(),
        },
      ]
    : []
  await replace(trx, acc, 'network', facts)
}

/** Every kind at once: the backfill of cases saved before the facts existed. */
export async function refreshProgressFacts(ctx: RequestContext, trx: Trx, acc: ChangeableCase): Promise<void> {
  await refreshReviewFacts(ctx, trx, acc)
  await refreshPlanFacts(ctx, trx, acc)
  await refreshNetworkFacts(ctx, trx, acc)
}
