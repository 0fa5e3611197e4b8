import crypto from 'node:crypto'
import { z } from 'zod'
import { BreachInput, type BreachView, NOTIFY_WITHIN_HOURS } from '../../../common/contracts/registers.contracts'
import { fromJson, toJson } from '../../db/json'
import type { RecordingCodec, Row, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'

type Input = z.output<typeof BreachInput>
type BreachRow = Row<'breaches'>

/** The free text of a breach, sealed as one document: it may quote what leaked or whom it touched. */
const Content = z.object({
  description: z.string(),
  consequences: z.string(),
  measures: z.string(),
  authorityReason: z.string().nullable(),
  personsMeans: z.string().nullable(),
  personsReason: z.string().nullable(),
})
export const breachAad = (id: string) => `breaches.content:${id}`
const aad = breachAad

/** A discovery more than this far ahead of the server's clock is a typing error, not a skewed clock. */
const FUTURE_TOLERANCE_MS = 5 * 60_000

/**
 * Art. 33(1): notify the authority within 72 hours of becoming aware. The clock runs until the
 * authority is notified or the DPO records why notifying is not required.
 */
export function breachClock(discoveredAt: string, authorityDecision: BreachRow['authority_decision'], now: string) {
  const due = new Date(discoveredAt).getTime() + NOTIFY_WITHIN_HOURS * 3_600_000
  const running = authorityDecision === 'pending'
  const left = Math.floor((due - new Date(now).getTime()) / 1000)
  return { dueAt: new Date(due).toISOString(), running, overdue: running && left < 0, secondsLeft: left }
}

function present(codec: RecordingCodec, r: BreachRow, users: Map<string, string>, now: string): BreachView {
  const content = Content.parse(JSON.parse(codec.openSecret(r.content_sealed, aad(r.id))))
  return {
    id: r.id,
    version: r.version,
    discoveredAt: r.discovered_at,
    nature: fromJson(r.nature),
    description: content.description,
    subjectCategories: fromJson(r.subject_categories),
    dataCategories: fromJson(r.data_categories),
    personsAffected: r.persons_affected,
    recordsAffected: r.records_affected,
    consequences: content.consequences,
    measures: content.measures,
    authority: {
      decision: r.authority_decision,
      notifiedAt: r.authority_notified_at,
      reference: r.authority_reference,
      reason: content.authorityReason,
    },
    persons: {
      decision: r.persons_decision,
      notifiedAt: r.persons_notified_at,
      reference: content.personsMeans,
      reason: content.personsReason,
    },
    status: r.status,
    closedAt: r.closed_at,
    recordedAt: r.recorded_at,
    recordedBy: { id: r.recorded_by, displayName: users.get(r.recorded_by) ?? '' },
    updatedAt: r.updated_at,
    clock: breachClock(r.discovered_at, r.authority_decision, now),
  }
}

export async function presentBreaches(trx: Trx, codec: RecordingCodec, rows: BreachRow[], now: string): Promise<BreachView[]> {
  if (rows.length === 0) return []
  const ids = [...new Set(rows.map((r) => r.recorded_by))]
  const users = await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()
  const names = new Map(users.map((u) => [u.id, u.display_name]))
  return rows.map((r) => present(codec, r, names, now))
}

export async function loadBreach(trx: Trx, codec: RecordingCodec, id: string, now: string): Promise<BreachView> {
  const row = await trx.selectFrom('breaches').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const [view] = await presentBreaches(trx, codec, [row], now)
  if (!view) throw fail('resource.not_found')
  return view
}

/** ISO instants from the client carry any offset: stored in UTC so that they sort. */
const utc = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString())

function checkDates(input: Input, now: string) {
  const limit = new Date(now).getTime() + FUTURE_TOLERANCE_MS
  const discovered = new Date(input.discoveredAt).getTime()
  if (discovered > limit) throw invalidField('discoveredAt', 'in_future', 'The discovery cannot be in the future')
  for (const side of ['authority', 'persons'] as const) {
    const at = input[side].notifiedAt
    if (!at) continue
    const t = new Date(at).getTime()
    if (t > limit) throw invalidField(`${side}.notifiedAt`, 'in_future', 'A notification cannot be in the future')
  }
}

function columns(codec: RecordingCodec, id: string, input: Input, userId: string, now: string) {
  const notified = (side: Input['authority']) => (side.decision === 'notified' ? utc(side.notifiedAt) : null)
  const content = Content.parse({
    description: input.description,
    consequences: input.consequences,
    measures: input.measures,
    authorityReason: input.authority.decision === 'not_required' ? input.authority.reason : null,
    personsMeans: input.persons.decision === 'notified' ? input.persons.reference : null,
    personsReason: input.persons.decision === 'not_required' ? input.persons.reason : null,
  })
  return {
    discovered_at: utc(input.discoveredAt)!,
    nature: toJson(input.nature),
    content_sealed: codec.sealSecret(JSON.stringify(content), aad(id)),
    subject_categories: toJson([...new Set(input.subjectCategories)]),
    data_categories: toJson([...new Set(input.dataCategories)]),
    persons_affected: input.personsAffected,
    records_affected: input.recordsAffected,
    authority_decision: input.authority.decision,
    authority_notified_at: notified(input.authority),
    authority_reference: input.authority.decision === 'notified' ? input.authority.reference : null,
    persons_decision: input.persons.decision,
    persons_notified_at: notified(input.persons),
    status: input.status,
    updated_by: userId,
    updated_at: now,
  }
}

export async function recordBreach(trx: Trx, codec: RecordingCodec, input: Input, userId: string, now: string): Promise<string> {
  checkDates(input, now)
  const id = crypto.randomUUID()
  await trx
    .insertInto('breaches')
    .values({
      id,
      ...columns(codec, id, input, userId, now),
      closed_at: input.status === 'closed' ? now : null,
      recorded_by: userId,
      recorded_at: now,
      version: 1,
    })
    .execute()
  return id
}

export async function updateBreach(
  trx: Trx,
  codec: RecordingCodec,
  id: string,
  expected: number,
  input: Input,
  userId: string,
  now: string,
) {
  const row = await trx.selectFrom('breaches').select(['version', 'closed_at']).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (row.version !== expected) throw fail('version.mismatch')
  checkDates(input, now)
  const res = await trx
    .updateTable('breaches')
    .set({
      ...columns(codec, id, input, userId, now),
      // Closing keeps its first date; reopening clears it.
      closed_at: input.status === 'closed' ? (row.closed_at ?? now) : null,
      version: expected + 1,
    })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
}
