import { type Kysely, sql } from 'kysely'
import { DUTY_TIME_ZONE } from '../../../common/contracts/duty.contracts'

/**
 * The lead's contact statistics read per-day counts instead of the contacts themselves: one row
 * per Brussels day × dimension × value (`total`, `channel`, `caller_kind`, `orientation` — '' for
 * none yet — and one per `theme`), kept by the contact door (security/contact-access.ts
 * `insertContact`, `updateContact`) in the same transaction as the contact it counts. A year of
 * statistics then reads some 365 × 25 rows whatever the size of the line, where the grouped read
 * of 0029 read every contact of the period. Its covering index goes: nothing reads it any more,
 * and every contact write paid for it.
 *
 * The intake queue reads only the contacts waiting for something (`queue_rank` not null, a few
 * hundred on a line of 500,000): its index becomes partial, so that its size follows the queue,
 * not the line (the queue and My day filter on queue_rank, which implies the predicate on both
 * engines).
 *
 * Existing contacts are counted here, with the same Brussels day as the door computes.
 */
type Backfill = {
  contacts: { id: string; occurred_at: string; channel: string; caller_kind: string; orientation: string | null; themes: string }
  contact_day_counts: { day: string; dimension: string; value: string; n: number }
}

const FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: DUTY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
const brusselsDay = (at: string) => {
  const p = Object.fromEntries(FORMAT.formatToParts(new Date(at)).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day}`
}
const PAGE = 5000

export async function up(schema: Kysely<unknown>): Promise<void> {
  await schema.schema
    .createTable('contact_day_counts')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_day_counts_pk', ['day', 'dimension', 'value'])
    .execute()
  await schema.schema.dropIndex('contacts_statistics').execute()
  await schema.schema.dropIndex('contacts_queue').execute()
  await schema.schema
    .createIndex('contacts_queue')
    .on('contacts')
    .columns(['queue_rank', 'occurred_at'])
    .where(sql.raw('queue_rank is not null') as never)
    .execute()

  const db = schema as unknown as Kysely<Backfill>
  const counts = new Map<string, number>()
  for (let after = ''; ;) {
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'occurred_at', 'channel', 'caller_kind', 'orientation', 'themes'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute()
    for (const r of rows) {
      const day = brusselsDay(r.occurred_at)
      const keys = [
        ['total', ''],
        ['channel', r.channel],
        ['caller_kind', r.caller_kind],
        ['orientation', r.orientation ?? ''],
        ...(JSON.parse(r.themes) as string[]).map((t) => ['theme', t]),
      ]
      for (const [dimension, value] of keys) {
        const key = `${day}\u0000${dimension}\u0000${value}`
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
    }
    if (rows.length < PAGE) break
    after = (rows[rows.length - 1] as { id: string }).id
  }
  const values = [...counts].map(([key, n]) => {
    const [day, dimension, value] = key.split('\u0000') as [string, string, string]
    return { day, dimension, value, n }
  })
  for (let i = 0; i < values.length; i += 1000)
    await db
      .insertInto('contact_day_counts')
      .values(values.slice(i, i + 1000))
      .execute()
}
