import { DUTY_TIME_ZONE } from '../../common/contracts/duty.contracts'
import { fromJson } from '../db/json'
import type { Database } from '../db/schema'
import type { Trx } from '../http/context'

/**
 * The per-day counts behind the lead's contact statistics (migration 0032), part of the contact
 * door: written only by `insertContact` and `updateContact` (security/contact-access.ts), in the
 * transaction of the contact write, so that they always equal a count of the contacts. A day is a
 * Brussels calendar day, the line's; counts only leave here, never an id.
 */

type DayCount = Database['contact_day_counts']
/** The columns a contact is counted by. */
export type CountedContact = Pick<Database['contacts'], 'occurred_at' | 'channel' | 'caller_kind' | 'orientation' | 'themes'>

const FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: DUTY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** The Brussels calendar date of an instant (ISO text, with Z or an offset). */
export function brusselsDay(at: string): string {
  const p = Object.fromEntries(FORMAT.formatToParts(new Date(at)).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day}`
}

function keysOf(c: CountedContact): [DayCount['dimension'], string][] {
  return [
    ['total', ''],
    ['channel', c.channel],
    ['caller_kind', c.caller_kind],
    ['orientation', c.orientation ?? ''],
    ...fromJson(c.themes).map((t): [DayCount['dimension'], string] => ['theme', t]),
  ]
}

function tally(delta: Map<string, DayCount>, c: CountedContact, n: number) {
  const day = brusselsDay(c.occurred_at)
  for (const [dimension, value] of keysOf(c)) {
    const key = `${day}\u0000${dimension}\u0000${value}`
    const row = delta.get(key) ?? { day, dimension, value, n: 0 }
    row.n += n
    delta.set(key, row)
  }
}

/**
 * Adds the tallied changes. Changes that leave a count as it was write nothing; rows go in key
 * order, so that two transactions lock the rows they share in the same order (PostgreSQL).
 */
async function write(trx: Trx, delta: Map<string, DayCount>) {
  const rows = [...delta.entries()]
    .filter(([, r]) => r.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r)
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('contact_day_counts')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc.columns(['day', 'dimension', 'value']).doUpdateSet((eb) => ({ n: eb('contact_day_counts.n', '+', eb.ref('excluded.n')) })),
      )
      .execute()
}

/** Moves the counts from `before` (a contact as it was, or null for a new one) to `after`. */
export async function moveDayCounts(trx: Trx, before: CountedContact | null, after: CountedContact): Promise<void> {
  const delta = new Map<string, DayCount>()
  if (before) tally(delta, before, -1)
  tally(delta, after, 1)
  await write(trx, delta)
}

/** Counts contacts written in bulk in this transaction (the benchmark's seed), in one pass. */
export async function countNewContacts(trx: Trx, contacts: CountedContact[]): Promise<void> {
  const delta = new Map<string, DayCount>()
  for (const c of contacts) tally(delta, c, 1)
  await write(trx, delta)
}

/** The counts of the Brussels days `from` to `to` (inclusive dates); a count that went back to 0 is left out. */
export function dayCounts(trx: Trx, from: string, to: string) {
  return trx
    .selectFrom('contact_day_counts')
    .select(['contact_day_counts.day', 'contact_day_counts.dimension', 'contact_day_counts.value', 'contact_day_counts.n'])
    .where('contact_day_counts.day', '>=', from)
    .where('contact_day_counts.day', '<=', to)
    .where('contact_day_counts.n', '!=', 0)
    .execute()
}
