import type { PersonSummary, Progress } from '../../../common/contracts/progress.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, rowsOf } from '../../security/case-access'
import { reviewSeries } from '../assessments/assessments.queries'
import { networkTrend } from '../network/network.compare'
import { networkChangeOf, networkSnapshotsOf } from '../network/network.queries'
import { completionOf, currentPlan } from '../plans/plans.queries'
import { trajectoryOf } from '../trajectory/trajectory.queries'
import { serviceToday } from '../../time/service-day'

/** One round per part, in parallel: reviews, plan, trajectory and network each need one query and one key. */
async function load(ctx: RequestContext, trx: Trx, acc: OpenedCase) {
  const [reviews, plan, trajectory, snapshots] = await Promise.all([
    reviewSeries(ctx, trx, acc),
    currentPlan(ctx, trx, acc),
    trajectoryOf(ctx, trx, acc),
    networkSnapshotsOf(ctx, trx, acc),
  ])
  return { reviews, plan, trajectory, snapshots }
}

/**
 * Events and future goals counted from their plain columns (kind, phase): the overview shows
 * counts only, so it opens none of the sealed titles and descriptions (200 of them after five
 * years, half the cost of this call in `npm run bench -- overview`).
 */
async function trajectoryCounts(trx: Trx, acc: OpenedCase): Promise<Progress['trajectory']> {
  const rows = await rowsOf(trx, acc, 'trajectory_events')
    .select(['trajectory_events.kind', 'trajectory_events.phase', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['trajectory_events.kind', 'trajectory_events.phase'])
    .execute()
  const counts: Progress['trajectory'] = { events: 0, futureGoals: 0, byPhase: {} }
  for (const r of rows) {
    const n = Number(r.n)
    if (r.kind === 'future') counts.futureGoals += n
    else {
      counts.events += n
      if (r.phase) counts.byPhase[r.phase] = n
    }
  }
  return counts
}

export async function progressOf(ctx: RequestContext, trx: Trx, acc: OpenedCase): Promise<Progress> {
  const [reviews, plan, trajectory, snapshots] = await Promise.all([
    reviewSeries(ctx, trx, acc),
    currentPlan(ctx, trx, acc),
    trajectoryCounts(trx, acc),
    networkSnapshotsOf(ctx, trx, acc),
  ])
  const change = networkChangeOf(snapshots)
  return {
    reviews,
    plan: completionOf(plan),
    network: {
      series: networkTrend(snapshots),
      sinceFirst: change?.sinceFirst ?? null,
      sincePrevious: change?.sincePrevious ?? null,
    },
    trajectory,
  }
}

export async function personSummaryOf(
  ctx: RequestContext,
  trx: Trx,
  acc: OpenedCase,
  firstName: string,
): Promise<Omit<PersonSummary, 'languages'>> {
  const { reviews, plan, trajectory, snapshots } = await load(ctx, trx, acc)
  const change = networkChangeOf(snapshots)
  const latest = snapshots[0]
  const first = reviews[0]
  const last = reviews.at(-1)
  return {
    firstName,
    caseCode: acc.code,
    // The service's day (Brussels), not UTC's: printed after 23:00 UTC the sheet said yesterday.
    generatedOn: serviceToday(ctx.now()),
    goals: plan.goals.map((g) => ({
      domain: g.domain,
      title: g.title,
      steps: g.steps.map((s) => ({ title: s.title, who: s.who, partner: s.partner, due: s.due, status: s.status })),
    })),
    agreement: plan.agreement,
    progress: first && last ? { first, latest: last } : null,
    network: latest
      ? {
          takenOn: latest.takenOn,
          supportive: latest.ties.filter((t) => t.valence === 'supportive').map((t) => t.name),
          supportiveGained: change?.sinceFirst.gained.supportive.map((t) => t.name) ?? [],
          harmfulLeft: change?.sinceFirst.summary.harmfulLeft ?? 0,
          since: change?.sinceFirst.from.takenOn ?? null,
        }
      : null,
    futureGoals: trajectory.filter((e) => e.kind === 'future').map((e) => ({ title: e.title, date: e.date, precision: e.precision })),
  }
}
