import {
  type ActivityReport,
  type ActivityReportQuery,
  REFERRAL_REPORT_STATES,
  UNCATEGORISED,
} from '../../../common/contracts/activity-report.contracts'
import { NOT_YET, STATISTIC_ORIENTATIONS } from '../../../common/contracts/contact-statistics.contracts'
import { CALLER_KINDS, CONTACT_CHANNELS } from '../../../common/contracts/contacts.contracts'
import { TRAINING_AUDIENCES } from '../../../common/contracts/training-sessions.contracts'
import { fromJson } from '../../db/json'
import type { Actor, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { countedCases } from '../../security/case-access'
import { contactCounts } from '../../security/contact-access'
import { brusselsMidnight } from '../contacts/contact-statistics.queries'
import { teamIndicators } from '../indicators/indicators.queries'
import { ACTIVITY_LABELS } from './activity-report.labels'
import { smallCellThreshold, suppressList, suppressTable } from '../indicators/indicators.suppression'

/** Present status of a referral → the report's column. */
const STATE: Record<string, (typeof REFERRAL_REPORT_STATES)[number] | undefined> = {
  sent: 'awaiting',
  accepted: 'accepted',
  in_progress: 'accepted',
  completed: 'completed',
  declined: 'declined',
  stopped: 'stopped',
}

/**
 * The team's year in the funder's shape. Accompaniments are the team's indicators over the year
 * (the same query and suppression as the indicators screen); every other count about persons goes
 * through the small-cell rule here; the training log is the service's own work, given as it is.
 * The team's lead or the DPO, checked here and again by `countedCases`: anyone else is a miss.
 */
export async function activityReport(
  trx: Trx,
  actor: Actor,
  query: ActivityReportQuery,
  now: string,
  configuredThreshold?: number,
): Promise<ActivityReport> {
  const threshold = smallCellThreshold(configuredThreshold)
  // The report is the lead's and the DPO's: a researcher's reach into a study's team (which
  // countedCases grants for indicators) does not extend to it, even on an account that also leads.
  const reads = actor.roles.includes('dpo') || (actor.roles.includes('lead') && actor.teamIds.includes(query.teamId))
  if (!reads) throw fail('resource.not_found')
  const team = await trx.selectFrom('teams').select(['id', 'name']).where('id', '=', query.teamId).executeTakeFirst()
  if (!team) throw fail('resource.not_found')
  const from = `${query.year}-01-01`
  const to = `${query.year}-12-31`
  const accompaniments = await teamIndicators(trx, actor, { teamId: team.id, from, to }, now, configuredThreshold)
  const start = brusselsMidnight(from)
  const end = brusselsMidnight(`${query.year + 1}-01-01`)

  const [contacts, referrals, training] = await Promise.all([
    contactCounts(trx, { from, to, start, end }),
    referralRows(trx, actor, team.id, start, end),
    trx
      .selectFrom('training_sessions')
      .where('team_id', '=', team.id)
      .where('held_on', '>=', from)
      .where('held_on', '<=', to)
      .select((eb) => [
        'audience',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('participants').as('participants'),
        eb.fn.sum<number>('minutes').as('minutes'),
      ])
      .groupBy('audience')
      .execute(),
  ])

  const dimension = <K extends string>(name: string, keys: readonly K[], map = (v: string) => v) => {
    const counts = new Map<string, number>()
    for (const d of contacts.days)
      if (d.dimension === name && d.day >= from && d.day <= to) counts.set(map(d.value), (counts.get(map(d.value)) ?? 0) + d.count)
    const list = suppressList(
      keys.map((k) => counts.get(k) ?? 0),
      threshold,
    )
    return { keys: [...keys], counts: list.counts, total: list.total }
  }

  const byAudience = TRAINING_AUDIENCES.map((audience) => {
    const r = training.find((t) => t.audience === audience)
    return { audience, sessions: Number(r?.n ?? 0), participants: Number(r?.participants ?? 0), hours: Number(r?.minutes ?? 0) / 60 }
  })
  return {
    teamId: team.id,
    teamName: team.name,
    year: query.year,
    from,
    to,
    language: query.lang,
    threshold,
    accompaniments,
    contacts: {
      byCallerKind: dimension('caller_kind', CALLER_KINDS),
      byOrientation: dimension('orientation', STATISTIC_ORIENTATIONS, (v) => v || NOT_YET),
      byChannel: dimension('channel', CONTACT_CHANNELS),
    },
    referrals: await referralTable(trx, referrals, query.lang, threshold),
    training: {
      sessions: byAudience.reduce((a, b) => a + b.sessions, 0),
      participants: byAudience.reduce((a, b) => a + b.participants, 0),
      hours: byAudience.reduce((a, b) => a + b.hours, 0),
      byAudience: byAudience.filter((b) => b.sessions > 0),
    },
  }
}

/** Referrals of the team's counted cases (restricted ones left out) sent in [start, end): status and service only. */
async function referralRows(trx: Trx, actor: Actor, teamId: string, start: string, end: string) {
  return (await countedCases(trx, actor, teamId))
    .innerJoin('referrals', 'referrals.accompaniment_id', 'accompaniments.id')
    .where('referrals.sent_at', '>=', start)
    .where('referrals.sent_at', '<', end)
    .select(['referrals.status', 'referrals.service_id'])
    .execute()
}

/**
 * Referrals by the need category of the service they went to and their present state. A service
 * may meet several needs: it counts under the first in the admins' order of categories, so that
 * each referral is counted once and the table adds up.
 */
async function referralTable(
  trx: Trx,
  referrals: { status: string; service_id: string | null }[],
  lang: ActivityReportQuery['lang'],
  threshold: number,
): Promise<ActivityReport['referrals']> {
  const categories = await trx
    .selectFrom('need_categories')
    .select(['code', 'labels', 'position'])
    .orderBy('position')
    .orderBy('code')
    .execute()
  const services = [...new Set(referrals.flatMap((r) => (r.service_id ? [r.service_id] : [])))]
  const needs = services.length
    ? await trx.selectFrom('partner_service_needs').select(['service_id', 'need_code']).where('service_id', 'in', services).execute()
    : []
  const order = new Map(categories.map((c, i) => [c.code, i]))
  const primary = new Map<string, string>()
  for (const n of needs) {
    const current = primary.get(n.service_id)
    if (order.has(n.need_code) && (current === undefined || order.get(n.need_code)! < order.get(current)!))
      primary.set(n.service_id, n.need_code)
  }
  const counted = referrals.flatMap((r) => {
    const state = STATE[r.status]
    return state ? [{ category: (r.service_id && primary.get(r.service_id)) || UNCATEGORISED, state }] : []
  })
  // Every category of the directory is a row, so that a row's absence says nothing; the uncategorised row only when used.
  const rows = categories.map((c) => ({ code: c.code, label: fromJson(c.labels)[lang] || c.code }))
  if (counted.some((c) => c.category === UNCATEGORISED)) rows.push({ code: UNCATEGORISED, label: ACTIVITY_LABELS[lang].uncategorised })
  const columns = [...REFERRAL_REPORT_STATES]
  const grid = rows.map((row) => columns.map((s) => counted.filter((c) => c.category === row.code && c.state === s).length))
  const t = suppressTable(grid.length ? grid : [columns.map(() => 0)], threshold)
  const some = grid.length > 0
  return {
    rows,
    columns,
    cells: some ? t.cells : [],
    rowTotals: some ? t.rowTotals : [],
    columnTotals: t.columnTotals,
    total: t.total,
  }
}
