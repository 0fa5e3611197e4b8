import { sql } from 'kysely'
import type { Indicators, IndicatorsQuery, PublishedCount } from '../../../common/contracts/indicators.contracts'
import { ACCOMPANIMENT_KINDS, FRAMEWORKS, OUTCOMES } from '../../../common/contracts/accompaniments.contracts'
import { SESSION_STATUSES } from '../../../common/contracts/case-sessions.contracts'
import type { Actor, Trx } from '../../http/context'
import { countedCases } from '../../security/case-access'
import { serviceDayBounds } from '../../time/service-day'
import { contactIndicators, progressIndicators, referralIndicators } from './indicators-progress.queries'
import { smallCellThreshold, suppressList, suppressTable } from './indicators.suppression'

/**
 * The service's activity over a period for one team, from indexed columns only (never a sealed
 * narrative; progress from the facts written at save time), every count through the small-cell rule. The team's restricted cases are left out
 * (GDPR art. 18); erased ones stay, as the counted shells erasure leaves.
 */
export async function teamIndicators(
  trx: Trx,
  actor: Actor,
  query: IndicatorsQuery,
  now: string,
  configuredThreshold?: number,
): Promise<Indicators> {
  const threshold = smallCellThreshold(configuredThreshold)
  const start = serviceDayBounds(query.from).from
  const end = serviceDayBounds(query.to).to
  const perCase = (await countedCases(trx, actor, query.teamId))
    .where('accompaniments.created_at', '<', end)
    // A case's closing instant is a column kept by the lifecycle (migration 0064), in the index.
    .select([
      'accompaniments.id',
      'accompaniments.kind',
      'accompaniments.framework',
      'accompaniments.status',
      'accompaniments.closure_outcome',
      'accompaniments.created_at',
      'accompaniments.closed_at',
    ])
  // Counted by the database, per kind and framework: a team's 20,000 cases are not carried over
  // as rows to be counted here. Only the cases closed in the period come back, for their durations.
  const cases = trx.with('c', () => perCase)
  const [grid, closed] = await Promise.all([
    cases
      .selectFrom('c')
      .select([
        'c.kind',
        'c.framework',
        sql<number>`sum(case when c.created_at >= ${start} then 1 else 0 end)`.as('opened'),
        sql<number>`sum(case when c.status <> 'closed' or c.closed_at >= ${start} then 1 else 0 end)`.as('active'),
      ])
      .groupBy(['c.kind', 'c.framework'])
      .execute(),
    cases
      .selectFrom('c')
      .select(['c.closure_outcome', 'c.created_at', 'c.closed_at'])
      .where('c.status', '=', 'closed')
      .where('c.closed_at', '>=', start)
      .where('c.closed_at', '<', end)
      .execute(),
  ])
  const sessions = await sessionsByStatus(trx, actor, query.teamId, { start, end })
  const table = (measure: 'opened' | 'active') => {
    const counts = ACCOMPANIMENT_KINDS.map((k) =>
      FRAMEWORKS.map((f) => Number(grid.find((g) => g.kind === k && g.framework === f)?.[measure] ?? 0)),
    )
    const t = suppressTable(counts, threshold)
    return { rows: [...ACCOMPANIMENT_KINDS], columns: [...FRAMEWORKS], ...pick(t) }
  }
  const outcomes = suppressList(
    OUTCOMES.map((o) => closed.filter((r) => (r.closure_outcome ?? 'other') === o).length),
    threshold,
  )
  const sessionCounts = suppressList(
    SESSION_STATUSES.map((s) => sessions.get(s) ?? 0),
    threshold,
  )
  const lengths = closed
    .map((r) => Math.round((Date.parse(r.closed_at as string) - Date.parse(r.created_at)) / 86_400_000))
    .sort((a, b) => a - b)
  const durationCases = suppressList([lengths.length], threshold).total
  // Progress of the cases open at some time in the period, as they stand now.
  const progress = await progressIndicators(trx, actor, query.teamId, { start, end }, threshold)
  const referrals = await referralIndicators(trx, actor, query.teamId, { start, end }, threshold)
  const contacts = await contactIndicators(trx, query, now, threshold)
  return {
    teamId: query.teamId,
    from: query.from,
    to: query.to,
    threshold,
    opened: table('opened'),
    active: table('active'),
    closedByOutcome: { keys: [...OUTCOMES], counts: outcomes.counts, total: outcomes.total },
    // A median over fewer cases than the threshold would describe those few: not given.
    duration: { cases: durationCases, medianDays: 'count' in durationCases && lengths.length > 0 ? median(lengths) : null },
    sessions: { keys: [...SESSION_STATUSES], counts: sessionCounts.counts, total: sessionCounts.total },
    contacts,
    referrals,
    progress,
  }
}

const pick = (t: { cells: PublishedCount[][]; rowTotals: PublishedCount[]; columnTotals: PublishedCount[]; total: PublishedCount }) => ({
  cells: t.cells,
  rowTotals: t.rowTotals,
  columnTotals: t.columnTotals,
  total: t.total,
})

const median = (sorted: number[]) => {
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2)
}

/**
 * Sessions of every case of the team that start in the period, per status, erased cases included:
 * erasure empties a session, it does not unhold it, and the figures must not move when a person
 * is erased. The whole UTC days come counted from `session_days` (kept by triggers, migration
 * 0067); the sessions of the two partial days are read through the index by start
 * (those from the end's day up to the end, less those from the start's day up to the start).
 */
async function sessionsByStatus(
  trx: Trx,
  actor: Actor,
  teamId: string,
  period: { start: string; end: string },
): Promise<Map<string, number>> {
  const dayOf = (instant: string) => instant.slice(0, 10)
  const dayStart = (instant: string) => `${dayOf(instant)}T00:00:00.000Z`
  const partial = async (instant: string) =>
    (await countedCases(trx, actor, teamId))
      .innerJoin('case_sessions', 'case_sessions.accompaniment_id', 'accompaniments.id')
      .where('case_sessions.starts_at', '>=', dayStart(instant))
      .where('case_sessions.starts_at', '<', instant)
      .select((eb) => ['case_sessions.status', eb.fn.countAll<number>().as('n')])
      .groupBy('case_sessions.status')
      .execute()
  const [days, beforeEnd, beforeStart] = await Promise.all([
    trx
      .selectFrom('session_days')
      .where('team_id', '=', teamId)
      .where('day', '>=', dayOf(period.start))
      .where('day', '<', dayOf(period.end))
      .select((eb) => ['status', eb.fn.sum<number>('sessions').as('n')])
      .groupBy('status')
      .execute(),
    partial(period.end),
    partial(period.start),
  ])
  const counts = new Map<string, number>()
  const add = (rows: { status: string; n: number | string }[], sign: number) => {
    for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + sign * Number(r.n))
  }
  add(days, 1)
  add(beforeEnd, 1)
  add(beforeStart, -1)
  return counts
}
