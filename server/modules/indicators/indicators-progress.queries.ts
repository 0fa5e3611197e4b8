import {
  GOAL_STATES,
  type Indicators,
  type IndicatorsQuery,
  REFERRAL_RESULTS,
  REVIEW_CHANGES,
  YES_NO,
} from '../../../common/contracts/indicators.contracts'
import { STATISTIC_ORIENTATIONS } from '../../../common/contracts/contact-statistics.contracts'
import { CALLER_KINDS, CONTACT_CHANNELS } from '../../../common/contracts/contacts.contracts'
import { LIFE_DOMAINS } from '../../../common/contracts/desistance.contracts'
import { PARTNER_AUDIENCES } from '../../../common/contracts/partners.contracts'
import { sql } from 'kysely'
import type { Actor, Trx } from '../../http/context'
import { fromJson } from '../../db/json'
import { factMeasures, MEASURES } from '../progress/progress-measures'
import { countedCases } from '../../security/case-access'
import { contactStatistics } from '../contacts/contact-statistics.queries'
import { parseOutcome } from '../referrals/referrals.queries'
import { suppressList, suppressTable } from './indicators.suppression'

type Period = { start: string; end: string }

const list = <K extends string>(keys: readonly K[], values: number[], threshold: number) => {
  const s = suppressList(values, threshold)
  return { keys: [...keys], counts: s.counts, total: s.total }
}

const table = <R extends string, C extends string>(rows: readonly R[], columns: readonly C[], counts: number[][], threshold: number) => {
  const t = suppressTable(counts, threshold)
  return { rows: [...rows], columns: [...columns], cells: t.cells, rowTotals: t.rowTotals, columnTotals: t.columnTotals, total: t.total }
}

/** One count alone, through the rule (a figure of 1 to threshold − 1 is "below"). */
const single = (n: number, threshold: number) => suppressList([n], threshold).total

/**
 * Progress of the team's cases open at some time in the period (opened before its end, not closed
 * before its start), read from the facts their saving commands wrote: never a sealed answer,
 * plan or tie. A case closes after it opens, so those cases are the ones opened before the end
 * less the ones closed before the start. Whole months on each side come summed from
 * `progress_fact_months` (kept by triggers, migration 0066); the cases of the end's month opened
 * before the end, and of the start's month closed before the start, are read fact by fact. A
 * team's 200,000 facts are neither carried over as rows nor sorted per request.
 */
export async function progressIndicators(
  trx: Trx,
  actor: Actor,
  teamId: string,
  period: Period,
  threshold: number,
): Promise<Indicators['progress']> {
  const rows = await progressSums(trx, actor, teamId, period)
  const of = (kind: string, domain?: string, rater?: string) =>
    rows.filter((r) => r.kind === kind && (domain === undefined || r.domain === domain) && (rater === undefined || r.rater === rater))
  const sum = (list: typeof rows, key: (typeof MEASURES)[number]) => list.reduce((n, r) => n + Number(r[key] ?? 0), 0)

  const reviews = (rater: 'worker' | 'person') =>
    table(
      LIFE_DOMAINS,
      REVIEW_CHANGES,
      LIFE_DOMAINS.map((d) => {
        const cell = of('review', d, rater)
        return [sum(cell, 'up'), sum(cell, 'same'), sum(cell, 'down')]
      }),
      threshold,
    )
  const planGoals = table(
    LIFE_DOMAINS,
    GOAL_STATES,
    LIFE_DOMAINS.map((d) => [sum(of('plan', d), 'count_a'), sum(of('plan', d), 'count_b')]),
    threshold,
  )
  const network = of('network')
  const comparedCases = sum(network, 'compared')
  const gained = sum(network, 'gained')
  const left = sum(network, 'lost')
  return {
    reviewsByWorker: reviews('worker'),
    reviewsByPerson: reviews('person'),
    planGoals,
    network: {
      cases: single(comparedCases, threshold),
      supportiveGained: list(YES_NO, [gained, comparedCases - gained], threshold),
      harmfulLeft: list(YES_NO, [left, comparedCases - left], threshold),
      supportiveTiesGained: single(sum(network, 'compared_a'), threshold),
      harmfulTiesLeft: single(sum(network, 'compared_b'), threshold),
    },
  }
}

/**
 * The measures (MEASURES) per kind, domain and rater over the team's counted cases open at some
 * time in the period, from the monthly sums and the cases of the two edge months; rows of one key
 * may repeat, to be added. Equal to the facts of `countedCases` summed afresh under the same rule
 * (0066-progress-months.rule.api.test.ts compares the two on random worlds).
 */
export async function progressSums(trx: Trx, actor: Actor, teamId: string, period: Period): Promise<Sums[]> {
  const monthOf = (instant: string) => instant.slice(0, 7)
  const monthStart = (instant: string) => `${monthOf(instant)}-01T00:00:00.000Z`
  // The door's check first: the monthly sums name no case, but they are the team's.
  await countedCases(trx, actor, teamId)
  const [months, openedLate, closedEarly] = await Promise.all([
    trx
      .selectFrom('progress_fact_months')
      .where('team_id', '=', teamId)
      .where((eb) =>
        eb.or([
          eb.and([eb('side', '=', 'opened'), eb('month', '<', monthOf(period.end))]),
          eb.and([eb('side', '=', 'closed'), eb('month', '<', monthOf(period.start))]),
        ]),
      )
      .select((eb) => {
        // What the cases closed before the start had added on the opened side, taken away.
        const signed = (m: (typeof MEASURES)[number]) =>
          eb.fn
            .sum<number>(
              eb
                .case()
                .when('side', '=', 'closed')
                .then(eb.neg(eb.ref(m)))
                .else(eb.ref(m))
                .end(),
            )
            .as(m)
        return ['kind', 'domain', 'rater', ...MEASURES.map(signed)]
      })
      .groupBy(['kind', 'domain', 'rater'])
      .execute(),
    factSums(trx, actor, teamId, (q) =>
      q.where('accompaniments.created_at', '>=', monthStart(period.end)).where('accompaniments.created_at', '<', period.end),
    ),
    factSums(trx, actor, teamId, (q) =>
      q
        .where('accompaniments.status', '=', 'closed')
        .where('accompaniments.closed_at', '>=', monthStart(period.start))
        .where('accompaniments.closed_at', '<', period.start),
    ),
  ])
  return [...months, ...openedLate, ...closedEarly.map((r) => negate(r))] as Sums[]
}

export type Sums = { kind: string; domain: string; rater: string } & Record<(typeof MEASURES)[number], number | string | null>

/** The measures of the facts of the team's counted cases `narrow` keeps, per kind, domain and rater (MEASURES). */
async function factSums(
  trx: Trx,
  actor: Actor,
  teamId: string,
  narrow: (cases: Awaited<ReturnType<typeof countedCases>>) => Awaited<ReturnType<typeof countedCases>>,
): Promise<Sums[]> {
  const rows = await (
    await countedCases(trx, actor, teamId)
  )
    .$call(narrow)
    .innerJoin('case_progress_facts', 'case_progress_facts.accompaniment_id', 'accompaniments.id')
    .select([
      'case_progress_facts.kind',
      'case_progress_facts.domain',
      'case_progress_facts.rater',
      ...factMeasures('case_progress_facts', '').map((e, i) => sql<number>`sum(${sql.raw(e)})`.as(MEASURES[i]!)),
    ])
    .groupBy(['case_progress_facts.kind', 'case_progress_facts.domain', 'case_progress_facts.rater'])
    .execute()
  return rows as unknown as Sums[]
}

const negate = (r: Sums): Sums => ({ ...r, ...Object.fromEntries(MEASURES.map((m) => [m, -Number(r[m] ?? 0)])) })

type ReferralResult = (typeof REFERRAL_RESULTS)[number]

function resultOf(status: string, outcome: string | null): ReferralResult {
  if (status === 'sent') return 'awaiting'
  if (status === 'declined') return 'declined'
  if (status === 'stopped') return 'stopped'
  if (status === 'completed') return parseOutcome(outcome)?.need ?? 'met'
  return 'ongoing'
}

/** Referrals sent in the period from the team's counted cases, by result and by the partner's audiences. */
export async function referralIndicators(
  trx: Trx,
  actor: Actor,
  teamId: string,
  period: Period,
  threshold: number,
): Promise<Indicators['referrals']> {
  const rows = await (
    await countedCases(trx, actor, teamId)
  )
    .innerJoin('referrals', 'referrals.accompaniment_id', 'accompaniments.id')
    .innerJoin('partner_organisations', 'partner_organisations.id', 'referrals.organisation_id')
    .select(['referrals.status', 'referrals.outcome', 'partner_organisations.audiences'])
    .where('referrals.sent_at', '>=', period.start)
    .where('referrals.sent_at', '<', period.end)
    .execute()
  const results = rows.map((r) => resultOf(r.status, r.outcome))
  const audiences = rows.map((r) => fromJson(r.audiences))
  const byAudience = suppressList(
    PARTNER_AUDIENCES.map((a) => audiences.filter((list) => list.includes(a)).length),
    threshold,
  )
  return {
    byResult: list(
      REFERRAL_RESULTS,
      REFERRAL_RESULTS.map((k) => results.filter((r) => r === k).length),
      threshold,
    ),
    byAudience: { keys: [...PARTNER_AUDIENCES], counts: byAudience.counts },
  }
}

/**
 * The line's contacts over the period, from the contact point's own statistics (day counts, no
 * contact opened), each figure through the small-cell rule.
 */
export async function contactIndicators(trx: Trx, query: IndicatorsQuery, now: string, threshold: number): Promise<Indicators['contacts']> {
  const { totals } = await contactStatistics(trx, { from: query.from, to: query.to, language: 'fr' }, now)
  const themes = Object.keys(totals.theme).sort()
  const named = themes.length ? await trx.selectFrom('contact_themes').select(['code', 'labels']).where('code', 'in', themes).execute() : []
  const labelOf = (code: string) => {
    const row = named.find((r) => r.code === code)
    return row ? fromJson(row.labels) : { fr: code, nl: code, de: code, en: code }
  }
  return {
    total: single(totals.total, threshold),
    byChannel: list(
      CONTACT_CHANNELS,
      CONTACT_CHANNELS.map((k) => totals.channel[k] ?? 0),
      threshold,
    ),
    byCallerKind: list(
      CALLER_KINDS,
      CALLER_KINDS.map((k) => totals.callerKind[k] ?? 0),
      threshold,
    ),
    byOrientation: list(
      STATISTIC_ORIENTATIONS,
      STATISTIC_ORIENTATIONS.map((k) => totals.orientation[k] ?? 0),
      threshold,
    ),
    byTheme: {
      keys: themes,
      counts: suppressList(
        themes.map((k) => totals.theme[k] ?? 0),
        threshold,
      ).counts,
      labels: themes.map(labelOf),
    },
  }
}
