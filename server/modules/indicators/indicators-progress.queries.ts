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
import type { Expression, SelectQueryBuilder, SqlBool } from 'kysely'
import type { Actor, Trx } from '../../http/context'
import { fromJson } from '../../db/json'
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
 * Progress of the given cases (the team's, open at some time in the period) read from the facts
 * their saving commands wrote (case_progress_facts): never a sealed answer, plan or tie. Counted
 * by the database, per kind, domain and rater: a team's progress facts are not carried over as
 * rows (at 20,000 cases they were about 300,000).
 */
export async function progressIndicators<DB, TB extends keyof DB>(
  trx: Trx,
  actor: Actor,
  teamId: string,
  /** Which of the team's cases are counted, as a subquery: their ids never leave the database. */
  cases: SelectQueryBuilder<DB, TB, { id: string }>,
  threshold: number,
): Promise<Indicators['progress']> {
  const rows = await (
    await countedCases(trx, actor, teamId)
  )
    .innerJoin('case_progress_facts', 'case_progress_facts.accompaniment_id', 'accompaniments.id')
    .where('accompaniments.id', 'in', cases)
    .select((eb) => {
      // A review or a network is compared once it has been observed twice.
      const compared = eb('case_progress_facts.observations', '>=', 2)
      const latest = eb.fn.coalesce('case_progress_facts.latest_value', eb.lit(0))
      const first = eb.fn.coalesce('case_progress_facts.first_value', eb.lit(0))
      const count = (when: Expression<SqlBool>) => eb.fn.sum<number>(eb.case().when(when).then(eb.lit(1)).else(eb.lit(0)).end())
      const sumIf = (when: Expression<SqlBool>, column: 'case_progress_facts.count_a' | 'case_progress_facts.count_b') =>
        eb.fn.sum<number>(eb.case().when(when).then(eb.ref(column)).else(eb.lit(0)).end())
      return [
        'case_progress_facts.kind',
        'case_progress_facts.domain',
        'case_progress_facts.rater',
        count(eb.and([compared, eb(latest, '>', first)])).as('up'),
        count(eb.and([compared, eb(latest, '=', first)])).as('same'),
        count(eb.and([compared, eb(latest, '<', first)])).as('down'),
        count(compared).as('compared'),
        eb.fn.sum<number>('case_progress_facts.count_a').as('a'),
        eb.fn.sum<number>('case_progress_facts.count_b').as('b'),
        sumIf(compared, 'case_progress_facts.count_a').as('compared_a'),
        sumIf(compared, 'case_progress_facts.count_b').as('compared_b'),
        count(eb.and([compared, eb('case_progress_facts.count_a', '>', 0)])).as('gained'),
        count(eb.and([compared, eb('case_progress_facts.count_b', '>', 0)])).as('left'),
      ]
    })
    .groupBy(['case_progress_facts.kind', 'case_progress_facts.domain', 'case_progress_facts.rater'])
    .execute()
  const of = (kind: string, domain?: string, rater?: string) =>
    rows.filter((r) => r.kind === kind && (domain === undefined || r.domain === domain) && (rater === undefined || r.rater === rater))
  const sum = (list: typeof rows, key: 'up' | 'same' | 'down' | 'compared' | 'a' | 'b' | 'compared_a' | 'compared_b' | 'gained' | 'left') =>
    list.reduce((n, r) => n + Number(r[key] ?? 0), 0)

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
    LIFE_DOMAINS.map((d) => [sum(of('plan', d), 'a'), sum(of('plan', d), 'b')]),
    threshold,
  )
  const network = of('network')
  const comparedCases = sum(network, 'compared')
  const gained = sum(network, 'gained')
  const left = sum(network, 'left')
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
