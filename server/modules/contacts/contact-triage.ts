import crypto from 'node:crypto'
import { URGENCIES, type Urgency } from '../../../common/contracts/contacts.contracts'
import type { Answers } from '../../../common/contracts/instruments.contracts'
import type { TriageOutcome } from '../../../common/triage'
import { fromJson, toJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { insertTriage, latestTriageOf, type OpenedContact } from '../../security/contact-access'
import { dutyNow } from '../duty/duty.queries'
import { brussels } from '../duty/duty.time'
import { checkTriage } from '../duty/triage'
import { change } from './contacts.commands'

/** The grid's urgency in the contact's own words. */
const AS_CONTACT: Record<TriageOutcome['urgency'], Urgency> = {
  immediate: 'immediate',
  within_48h: '48h',
  within_week: 'week',
  none: 'none',
}

/** The more urgent of two (URGENCIES runs from immediate to none). */
const higher = (a: Urgency, b: Urgency) => (URGENCIES.indexOf(a) <= URGENCIES.indexOf(b) ? a : b)

/**
 * Fills the triage grid on a contact opened for a change. The answers are checked against the
 * grid's latest version and sealed with the contact's own key with that version; the contact's
 * urgency becomes the grid's when higher, never lower than what the worker set. When the grid
 * finds immediate danger, in the same transaction: the contact is flagged (until a lead
 * acknowledges it) and its call-back is set for today to whoever is on duty now — or the next
 * on duty when nobody is — so it tops the queue and the on-duty person's list. A task proper
 * needs a case (tasks.accompaniment_id is required): the call-back is the contact's own task.
 */
export async function triageContact(ctx: RequestContext, trx: Trx, contact: OpenedContact, version: number, answers: Answers) {
  if (contact.version !== version) throw fail('version.mismatch')
  const checked = await checkTriage(trx, answers)
  const key = await ctx.codec.personKey(trx, contact.id)
  const id = crypto.randomUUID()
  const now = ctx.now()
  await insertTriage(trx, contact, {
    id,
    instrument_version_id: checked.instrumentVersionId,
    ...ctx.codec.sealRow('contact_triages', key, id, { answers: checked.answers }),
    urgency: checked.outcome.urgency,
    immediate_danger: checked.outcome.immediateDanger ? 1 : 0,
    reasons: toJson(checked.outcome.reasons),
    recorded_by: ctx.user.userId,
    recorded_at: now,
  })
  const set: Parameters<typeof change>[5] = { urgency: higher(contact.urgency, AS_CONTACT[checked.outcome.urgency]) }
  let dutyUserId: string | null = null
  if (checked.outcome.immediateDanger) {
    const duty = await dutyNow(trx, new Date(now))
    dutyUserId = duty.onDuty?.userId ?? duty.next?.userId ?? null
    Object.assign(set, {
      danger_at: now,
      danger_acknowledged_at: null,
      danger_acknowledged_by: null,
      callback_on: brussels(new Date(now)).date,
      callback_assignee_id: dutyUserId ?? contact.callback_assignee_id,
    })
  }
  const updated = await change(ctx, trx, contact, version, 'triage', set, { ...contact, ...set } as OpenedContact)
  return { contact: updated, triageId: id, outcome: checked.outcome, dutyUserId }
}

/** A lead acknowledges the immediate danger a triage found: the contact leaves the head of the queue. */
export async function acknowledgeDanger(ctx: RequestContext, trx: Trx, contact: OpenedContact, version: number) {
  if (contact.version !== version) throw fail('version.mismatch')
  if (!contact.danger_at || contact.danger_acknowledged_at) throw fail('state.invalid_transition')
  const set = { danger_acknowledged_at: ctx.now(), danger_acknowledged_by: ctx.user.userId }
  return change(ctx, trx, contact, version, 'danger_acknowledged', set, { ...contact, ...set } as OpenedContact)
}

/** The latest triage of a contact, its answers opened with the contact's key. */
export async function latestTriage(ctx: RequestContext, trx: Trx, contact: OpenedContact) {
  const row = await latestTriageOf(trx, contact)
  if (!row) return null
  const key = await ctx.codec.personKey(trx, contact.id)
  return {
    id: row.id,
    instrumentVersionId: row.instrument_version_id,
    answers: ctx.codec.openRow('contact_triages', key, row.id, row).answers,
    urgency: row.urgency,
    immediateDanger: row.immediate_danger === 1,
    reasons: fromJson(row.reasons),
    recordedAt: row.recorded_at,
  }
}
