import {
  type ContactStatistics,
  type ContactStatisticsQuery,
  EXCEPTION_STATUSES_COUNTED,
  HOW_GIVEN,
  NOT_YET,
  STATISTIC_ORIENTATIONS,
  type StatisticsBreakdown,
} from '../../../common/contracts/contact-statistics.contracts'
import { CALLER_KINDS, CONTACT_CHANNELS } from '../../../common/contracts/contacts.contracts'
import type { Language } from '../../../common/roles'
import type { Trx } from '../../http/context'
import { contactCounts, informationGivenCounts } from '../../security/contact-access'
import { addDays, brussels, weekdayOf } from '../duty/duty.time'

const TOP_SHEETS = 10

/** The instant a Brussels calendar day starts (midnight is never inside a summer-time change there). */
export function brusselsMidnight(date: string): string {
  let at = Date.parse(`${date}T00:00:00Z`)
  for (let i = 0; i < 2; i++) {
    const local = brussels(new Date(at))
    at += Date.parse(`${date}T00:00:00Z`) - Date.parse(`${local.date}T${local.time}:00Z`)
  }
  return new Date(at).toISOString()
}

export const mondayOf = (date: string) => addDays(date, 1 - weekdayOf(date))

/** The period asked for, or by default the twelve ISO weeks ending with today's (Brussels dates). */
export function periodOf(query: Pick<ContactStatisticsQuery, 'from' | 'to'>, now: string) {
  const today = brussels(new Date(now)).date
  const to = query.to ?? (query.from && query.from > today ? query.from : today)
  const from = query.from ?? mondayOf(addDays(to, -7 * 11))
  return { from, to, start: brusselsMidnight(from), end: brusselsMidnight(addDays(to, 1)) }
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
const breakdown = (): StatisticsBreakdown => ({
  total: 0,
  channel: zeros(CONTACT_CHANNELS),
  callerKind: zeros(CALLER_KINDS),
  orientation: zeros(STATISTIC_ORIENTATIONS),
  theme: {},
})

/** The value below which `share` of the sorted values fall: nearest rank; the median averages the two middle ones. */
export function percentile(values: number[], share: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  if (share === 0.5) {
    const mid = Math.floor(sorted.length / 2)
    return round(sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2)
  }
  return round(sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] as number)
}
const round = (hours: number) => Math.round(hours * 10) / 10

/**
 * The contact point's statistics over a period: counts and durations only. Exported so that a
 * benchmark can time it on a large line (bench/).
 */
export async function contactStatistics(trx: Trx, query: ContactStatisticsQuery, now: string): Promise<ContactStatistics> {
  const period = periodOf(query, now)
  const [contacts, given, exceptions] = await Promise.all([
    contactCounts(trx, period),
    informationGivenCounts(trx, period.start, period.end),
    // Exceptions recorded on contacts (the line's own): driven by confidentiality_exceptions_status (status, recorded_at).
    trx
      .selectFrom('confidentiality_exceptions')
      .select((eb) => ['confidentiality_exceptions.status', eb.fn.countAll<number>().as('n')])
      .where('confidentiality_exceptions.status', 'in', [...EXCEPTION_STATUSES_COUNTED])
      .where('confidentiality_exceptions.recorded_at', '>=', period.start)
      .where('confidentiality_exceptions.recorded_at', '<', period.end)
      .where('confidentiality_exceptions.contact_id', 'is not', null)
      .groupBy('confidentiality_exceptions.status')
      .execute(),
  ])

  const weeks: (StatisticsBreakdown & { week: string })[] = []
  for (let week = mondayOf(period.from); week <= period.to; week = addDays(week, 7)) weeks.push({ week, ...breakdown() })
  // Days are Brussels days: each falls in the week of its Monday.
  const byMonday = new Map(weeks.map((w) => [w.week, w]))
  const totals = breakdown()
  for (const d of contacts.days) {
    if (d.day < period.from || d.day > period.to) continue
    const week = byMonday.get(mondayOf(d.day))
    for (const b of week ? [week, totals] : [totals]) {
      if (d.dimension === 'total') b.total += d.count
      else if (d.dimension === 'channel') b.channel[d.value as keyof StatisticsBreakdown['channel']] += d.count
      else if (d.dimension === 'caller_kind') b.callerKind[d.value as keyof StatisticsBreakdown['callerKind']] += d.count
      else if (d.dimension === 'orientation') b.orientation[(d.value || NOT_YET) as keyof StatisticsBreakdown['orientation']] += d.count
      else b.theme[d.value] = (b.theme[d.value] ?? 0) + d.count
    }
  }

  const bySheet = new Map<string, { count: number; byHow: Record<(typeof HOW_GIVEN)[number], number> }>()
  for (const r of given) {
    const s = bySheet.get(r.sheetId) ?? { count: 0, byHow: zeros(HOW_GIVEN) }
    s.count += r.count
    s.byHow[r.how] += r.count
    bySheet.set(r.sheetId, s)
  }
  const top = [...bySheet.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, TOP_SHEETS)
  const named = await sheetNames(
    trx,
    top.map(([id]) => id),
    query.language,
  )

  const acknowledged = contacts.emergencies.flatMap((e) => (e.hoursToAcknowledge === null ? [] : [e.hoursToAcknowledge]))
  return {
    from: period.from,
    to: period.to,
    weeks,
    totals,
    callBack: {
      count: contacts.callBackHours.length,
      medianHours: percentile(contacts.callBackHours, 0.5),
      p90Hours: percentile(contacts.callBackHours, 0.9),
    },
    emergencies: {
      total: contacts.emergencies.length,
      acknowledged: acknowledged.length,
      medianHoursToAcknowledge: percentile(acknowledged, 0.5),
    },
    exceptions: { ...zeros(EXCEPTION_STATUSES_COUNTED), ...Object.fromEntries(exceptions.map((e) => [e.status, Number(e.n)])) },
    sheets: top.map(([id, s]) => ({ sheetId: id, code: named.get(id)?.code ?? '', title: named.get(id)?.title ?? null, ...s })),
  }
}

/** Each sheet's code and its published title: in the language asked for, else French, else any. */
async function sheetNames(trx: Trx, ids: string[], language: Language) {
  const names = new Map<string, { code: string; title: string | null }>()
  if (ids.length === 0) return names
  const [sheets, titles] = await Promise.all([
    trx.selectFrom('sheets').select(['sheets.id', 'sheets.code']).where('sheets.id', 'in', ids).execute(),
    trx
      .selectFrom('sheet_versions')
      .select(['sheet_versions.sheet_id', 'sheet_versions.language', 'sheet_versions.title', 'sheet_versions.version'])
      .where('sheet_versions.sheet_id', 'in', ids)
      .where('sheet_versions.status', '=', 'published')
      .execute(),
  ])
  const rank = (l: string) => (l === language ? 0 : l === 'fr' ? 1 : 2)
  for (const s of sheets) {
    const best = titles.filter((t) => t.sheet_id === s.id).sort((a, b) => rank(a.language) - rank(b.language) || b.version - a.version)[0]
    names.set(s.id, { code: s.code, title: best?.title ?? null })
  }
  return names
}
