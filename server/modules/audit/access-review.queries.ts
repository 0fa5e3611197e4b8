import {
  type AccessReviewUser,
  BREAK_GLASS_FLOOR,
  OUTLIER_FLOOR,
  OUTLIER_RATIO,
  type ReviewFlag,
} from '../../../common/contracts/access-review.contracts'
import type { z } from 'zod'
import type { Trx } from '../../http/context'
import { subjectReferences } from '../../security/audit-subjects'
import { personCodes } from '../../security/person-access'
import { actionsOfKind } from './audit-log.queries'

/**
 * The access review reads only entries of kind `read` that succeeded: a refusal showed nothing,
 * and changes are the log's other questions. "Persons read" are every person an entry showed
 * (its `persons`, list reads included, or `person_id` for entries older than migration 0013);
 * "cases read" are the cases that were an entry's subject. Days are UTC calendar days, as on the
 * audit screen's date filter.
 */
const READS = actionsOfKind('read')

type Period = { from: string; to: string }
const dayAfter = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString()
}
const bounds = (p: Period) => ({ from: `${p.from}T00:00:00.000Z`, to: dayAfter(p.to) })
const personsOf = (r: { persons: string | null; person_id: string | null }) =>
  r.persons ? r.persons.split(',') : r.person_id ? [r.person_id] : []

export function median(values: number[]): number {
  if (values.length === 0) return 0
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** A day stands out against the account's own median day, and above the floor. */
const standsOut = (value: number, usual: number) => value >= OUTLIER_FLOOR && value >= OUTLIER_RATIO * usual

async function rolesOf(trx: Trx, ids: string[]) {
  const out = new Map<string, { name: string | null; roles: string[] }>()
  if (ids.length === 0) return out
  const [users, roles] = await Promise.all([
    trx.selectFrom('users').select(['users.id', 'users.display_name']).where('users.id', 'in', ids).execute(),
    trx
      .selectFrom('user_roles')
      .select(['user_roles.user_id', 'user_roles.role'])
      .where('user_roles.user_id', 'in', ids)
      .orderBy('role')
      .execute(),
  ])
  for (const u of users) out.set(u.id, { name: u.display_name, roles: [] })
  for (const r of roles) out.get(r.user_id)?.roles.push(r.role)
  return out
}

/**
 * Per account, the distinct persons and cases read each day of the period, the account's median
 * day, and what stands out: a day at 10× the median (above a floor), or many break-the-glass
 * grants. The period's read entries are found by time (the `audit_at` index) and counted here:
 * a quarter of a large service is a few million rows, read once.
 */
export async function accessReview(trx: Trx, p: Period): Promise<z.output<typeof AccessReviewUser>[]> {
  const b = bounds(p)
  const [rows, grants] = await Promise.all([
    trx
      .selectFrom('audit_log')
      .select([
        'audit_log.actor_id',
        'audit_log.at',
        'audit_log.persons',
        'audit_log.person_id',
        'audit_log.subject_type',
        'audit_log.subject_id',
      ])
      .where('audit_log.at', '>=', b.from)
      .where('audit_log.at', '<', b.to)
      .where('audit_log.action', 'in', READS)
      .where('audit_log.outcome', '=', 'success')
      .where('audit_log.actor_id', 'is not', null)
      .execute(),
    trx
      .selectFrom('audit_log')
      .select(['audit_log.actor_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('audit_log.at', '>=', b.from)
      .where('audit_log.at', '<', b.to)
      .where('audit_log.action', '=', 'accompaniment.break_glass')
      .where('audit_log.outcome', '=', 'success')
      .where('audit_log.actor_id', 'is not', null)
      .groupBy('audit_log.actor_id')
      .execute(),
  ])
  type Tally = { persons: Set<string>; cases: Set<string>; days: Map<string, { persons: Set<string>; cases: Set<string> }> }
  const tallies = new Map<string, Tally>()
  const tallyOf = (actor: string) => {
    let t = tallies.get(actor)
    if (!t) tallies.set(actor, (t = { persons: new Set(), cases: new Set(), days: new Map() }))
    return t
  }
  for (const r of rows) {
    const t = tallyOf(r.actor_id!)
    const day = r.at.slice(0, 10)
    let d = t.days.get(day)
    if (!d) t.days.set(day, (d = { persons: new Set(), cases: new Set() }))
    for (const id of personsOf(r)) {
      d.persons.add(id)
      t.persons.add(id)
    }
    if (r.subject_type === 'accompaniment' && r.subject_id) {
      d.cases.add(r.subject_id)
      t.cases.add(r.subject_id)
    }
  }
  const grantsOf = new Map(grants.map((g) => [g.actor_id!, Number(g.n)]))
  for (const actor of grantsOf.keys()) tallyOf(actor)
  const names = await rolesOf(trx, [...tallies.keys()])
  const users = [...tallies].map(([actorId, t]) => {
    const days = [...t.days].sort(([a], [b]) => (a < b ? -1 : 1))
    const medianPersons = median(days.map(([, d]) => d.persons.size))
    const medianCases = median(days.map(([, d]) => d.cases.size))
    const dayViews = days.map(([day, d]) => ({
      day,
      persons: d.persons.size,
      cases: d.cases.size,
      outlier: standsOut(d.persons.size, medianPersons) || standsOut(d.cases.size, medianCases),
    }))
    const breakGlassGrants = grantsOf.get(actorId) ?? 0
    const flags: ReviewFlag[] = []
    if (dayViews.some((d) => d.outlier)) flags.push('reads_spike')
    if (breakGlassGrants >= BREAK_GLASS_FLOOR) flags.push('break_glass')
    return {
      actorId,
      actorName: names.get(actorId)?.name ?? null,
      roles: names.get(actorId)?.roles ?? [],
      days: dayViews,
      medianPersons,
      medianCases,
      peakPersons: Math.max(0, ...dayViews.map((d) => d.persons)),
      persons: t.persons.size,
      cases: t.cases.size,
      breakGlassGrants,
      flags,
    }
  })
  const peakRatio = (u: (typeof users)[number]) => u.peakPersons / Math.max(1, u.medianPersons)
  return users.sort(
    (a, b) =>
      b.flags.length - a.flags.length ||
      (b.flags.length ? peakRatio(b) - peakRatio(a) : 0) ||
      b.persons - a.persons ||
      (a.actorName ?? '').localeCompare(b.actorName ?? '') ||
      (a.actorId < b.actorId ? -1 : 1),
  )
}

/**
 * Who read these persons between two dates, one row per account. One range of
 * `audit_person_reads` (migration 0074) per person: their index rows of the period, side by side,
 * each with its entry's time, actor, action and outcome. The work grows with how often the person
 * was read in that period, not with the log, and reads a few dozen neighbouring pages even when
 * none of them is in memory.
 */
export async function readersOf(trx: Trx, personIds: string[], p: Period) {
  const b = bounds(p)
  const rows = await trx
    .selectFrom('audit_persons')
    .select([
      'audit_persons.actor_id',
      // An entry that showed two of these persons is one read.
      (eb) => eb.fn.count<number>('audit_persons.seq').distinct().as('reads'),
      (eb) => eb.fn.min('audit_persons.at').as('first_at'),
      (eb) => eb.fn.max('audit_persons.at').as('last_at'),
    ])
    .where('audit_persons.person_id', 'in', personIds)
    .where('audit_persons.at', '>=', b.from)
    .where('audit_persons.at', '<', b.to)
    .where('audit_persons.action', 'in', READS)
    .where('audit_persons.outcome', '=', 'success')
    .where('audit_persons.actor_id', 'is not', null)
    .groupBy('audit_persons.actor_id')
    .execute()
  const names = await rolesOf(
    trx,
    rows.map((r) => r.actor_id!),
  )
  return rows
    .map((r) => ({
      actorId: r.actor_id!,
      actorName: names.get(r.actor_id!)?.name ?? null,
      roles: names.get(r.actor_id!)?.roles ?? [],
      reads: Number(r.reads),
      firstAt: String(r.first_at),
      lastAt: String(r.last_at),
    }))
    .sort((a, b) => b.reads - a.reads || (a.actorId < b.actorId ? -1 : 1))
}

/**
 * What one account read between two dates: each person and each case, with how many reads and
 * the first and last time. Found by actor and time (`audit_actor_at`, migration 0046), so a
 * long-serving worker's week is read without their years.
 */
export async function readsOf(trx: Trx, actorId: string, p: Period) {
  const b = bounds(p)
  const rows = await trx
    .selectFrom('audit_log')
    .select(['audit_log.at', 'audit_log.persons', 'audit_log.person_id', 'audit_log.subject_type', 'audit_log.subject_id'])
    .where('audit_log.actor_id', '=', actorId)
    .where('audit_log.at', '>=', b.from)
    .where('audit_log.at', '<', b.to)
    .where('audit_log.action', 'in', READS)
    .where('audit_log.outcome', '=', 'success')
    .execute()
  type Count = { reads: number; firstAt: string; lastAt: string }
  const count = (m: Map<string, Count>, id: string, at: string) => {
    const c = m.get(id)
    if (!c) m.set(id, { reads: 1, firstAt: at, lastAt: at })
    else {
      c.reads++
      if (at < c.firstAt) c.firstAt = at
      if (at > c.lastAt) c.lastAt = at
    }
  }
  const persons = new Map<string, Count>()
  const cases = new Map<string, Count>()
  for (const r of rows) {
    for (const id of new Set(personsOf(r))) count(persons, id, r.at)
    if (r.subject_type === 'accompaniment' && r.subject_id) count(cases, r.subject_id, r.at)
  }
  const [codes, refs] = await Promise.all([
    personCodes(trx, [...persons.keys()]),
    subjectReferences(
      trx,
      [...cases.keys()].map((id) => ({ type: 'accompaniment', id })),
    ),
  ])
  const order = (a: Count & { code: string }, b: Count & { code: string }) => b.reads - a.reads || (a.code < b.code ? -1 : 1)
  return {
    // A person or case whose record is gone has no code left to show: the log still counts it.
    persons: [...persons]
      .flatMap(([personId, c]) => (codes.has(personId) ? [{ personId, code: codes.get(personId)!, ...c }] : []))
      .sort(order),
    cases: [...cases]
      .flatMap(([caseId, c]) => {
        const code = refs.get(`accompaniment:${caseId}`)
        return code ? [{ caseId, code, ...c }] : []
      })
      .sort(order),
  }
}
