import crypto from 'node:crypto'
import type { z } from 'zod'
import {
  type CallbackInput,
  type ContactInput,
  type ContactView,
  type LinkContact,
  URGENCIES,
} from '../../../common/contracts/contacts.contracts'
import { toJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { AppError, fail, invalidField } from '../../http/errors'
import { openCase } from '../../security/case-access'
import {
  insertContact,
  insertHistory,
  type ContactChanges,
  type ContactHistoryKind,
  type OpenedContact,
  updateContact as updateContactRow,
} from '../../security/contact-access'
import { readablePersonIds } from '../../security/person-access'
import { addEvent, createAccompaniment } from '../accompaniments/accompaniments.commands'
import { createTask } from '../tasks/tasks.commands'
import { checkAnswered, markCalledBack } from './contact-callbacks'
import { presentContact } from './contacts.presenter'

type Row = {
  orientation: ContactInput['orientation']
  callback_on: string | null
  urgency: ContactInput['urgency']
  status: 'draft' | 'final'
  danger_at?: string | null
  danger_acknowledged_at?: string | null
  called_back_at?: string | null
}

/**
 * A final contact waits in the queue while it has no orientation or a call-back is due; drafts are
 * still on someone's screen. A contact in immediate danger that no lead has acknowledged yet
 * comes first (-1), draft or not.
 */
export function queueRank(c: Row): number | null {
  if (c.danger_at && !c.danger_acknowledged_at) return -1
  if (c.status !== 'final') return null
  // Answered by a finalised call-back (contact-callbacks.ts): nothing left to wait for.
  if (c.called_back_at) return null
  return c.orientation === null || c.callback_on !== null ? URGENCIES.indexOf(c.urgency) : null
}

async function checkThemes(trx: Trx, themes: string[]): Promise<void> {
  if (themes.length === 0) return
  // In the write's own transaction: a second connection would wait for it (SQLite has one writer).
  const known = await trx.selectFrom('contact_themes').select('code').where('code', 'in', themes).where('active', '=', 1).execute()
  const found = new Set(known.map((t) => t.code))
  const unknown = themes.findIndex((t) => !found.has(t))
  if (unknown >= 0) throw invalidField(`themes.${unknown}`, 'unknown_theme', 'Not an active theme')
}

async function checkPerson(ctx: RequestContext, trx: Trx, personId: string | null, field = 'personId'): Promise<void> {
  if (personId && !(await readablePersonIds(trx, ctx.user, [personId])).has(personId))
    throw invalidField(field, 'unknown_person', 'No person you may read has this id')
}

/** The plain columns and the sealed ones of a contact as given. */
function columns(ctx: RequestContext, key: Buffer, id: string, input: ContactInput) {
  const caller = input.caller && Object.values(input.caller).some((v) => v !== null) ? input.caller : null
  let phoneIndex: string | null = null
  if (caller?.phone) {
    phoneIndex = ctx.services.contactIndex.phone(caller.phone)
    if (!phoneIndex) throw invalidField('caller.phone', 'invalid_phone', 'Not a phone number')
  }
  if (caller?.email && !/^[^\s@]+@[^\s@]+$/.test(caller.email)) throw invalidField('caller.email', 'invalid_email', 'Not an e-mail address')
  return {
    channel: input.channel,
    direction: input.direction,
    // Stored in UTC: instants given with another offset would sort and compare wrongly as text.
    occurred_at: new Date(input.occurredAt).toISOString(),
    duration_minutes: input.durationMinutes,
    caller_kind: input.callerKind,
    caller_sector: input.callerSector,
    phone_index: phoneIndex,
    email_index: caller?.email ? ctx.services.contactIndex.email(caller.email) : null,
    person_id: input.personId,
    themes: toJson(input.themes),
    orientation: input.orientation,
    urgency: input.urgency,
    ...ctx.codec.sealRow('contacts', key, id, {
      caller,
      description: input.personDescription,
      summary: input.summary,
      referred_to: input.referredTo,
    }),
  }
}

/** Logs a new contact as a draft, sealed under its own new data key. */
export async function createContact(ctx: RequestContext, trx: Trx, input: ContactInput): Promise<string> {
  await checkThemes(trx, input.themes)
  await checkPerson(ctx, trx, input.personId)
  if (input.answersContactId) await checkAnswered(ctx, trx, input.answersContactId)
  const id = crypto.randomUUID()
  const now = ctx.now()
  // The contact's own key, in person_keys under the contact id (migration 0019).
  const key = await ctx.codec.createPersonKey(trx, id, now)
  await insertContact(trx, {
    id,
    status: 'draft',
    ...columns(ctx, key, id, input),
    answers_contact_id: input.answersContactId ?? null,
    callback_on: null,
    callback_assignee_id: null,
    queue_rank: null,
    accompaniment_id: null,
    created_by: ctx.user.userId,
    created_at: now,
    updated_at: now,
    finalised_at: null,
    version: 1,
  })
  return id
}

/**
 * Logs a contact that arrived already complete through the public form: channel web_form,
 * incoming, final at once (nobody is on the line to finish it), so it waits in the queue until
 * someone gives it an orientation. Sealed under its own new data key like any contact. The
 * contact door keeps a web-form contact to intake and leads until it is linked to a case.
 * The caller's kind and identity come as given: a request that left contact details keeps them
 * even when its sender did not say who they are (staff choose a kind when they edit it).
 */
export async function createWebFormContact(
  ctx: RequestContext,
  trx: Trx,
  input: Omit<ContactInput, 'channel' | 'direction' | 'orientation'>,
): Promise<string> {
  await checkThemes(trx, input.themes)
  const id = crypto.randomUUID()
  const now = ctx.now()
  // The contact's own key, in person_keys under the contact id (migration 0019).
  const key = await ctx.codec.createPersonKey(trx, id, now)
  const full: ContactInput = { ...input, channel: 'web_form', direction: 'incoming', orientation: null, personId: null }
  await insertContact(trx, {
    id,
    status: 'final',
    ...columns(ctx, key, id, full),
    callback_on: null,
    callback_assignee_id: null,
    queue_rank: queueRank({ status: 'final', orientation: null, callback_on: null, urgency: full.urgency }),
    accompaniment_id: null,
    created_by: ctx.user.userId,
    created_at: now,
    updated_at: now,
    finalised_at: now,
    version: 1,
  })
  return id
}

/** The fields of a view that changed, with their old and new values (sealed before storing). */
function diff(before: ContactView, after: ContactView): { field: string; old: unknown; new: unknown }[] {
  const skip = new Set(['version', 'updatedAt', 'createdAt', 'createdBy'])
  return (Object.keys(after) as (keyof ContactView)[])
    .filter((k) => !skip.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ field: k, old: before[k], new: after[k] }))
}

async function stale(): Promise<never> {
  throw fail('version.mismatch')
}

/**
 * Writes a change from the version the caller saw, and keeps it on the history when the contact
 * is final (a draft changes freely while the call goes on; its history starts when it is final).
 */
export async function change(
  ctx: RequestContext,
  trx: Trx,
  contact: OpenedContact,
  version: number,
  kind: ContactHistoryKind,
  set: ContactChanges,
  next: OpenedContact,
): Promise<OpenedContact> {
  if (contact.version !== version) return stale()
  const key = await ctx.codec.personKey(trx, contact.id)
  const updated = await updateContactRow(trx, contact, version, {
    ...set,
    queue_rank: queueRank(next),
    updated_at: ctx.now(),
    version: version + 1,
  })
  if (updated === 0) return stale()
  if (contact.status === 'final' || kind === 'finalised') {
    const changes = diff(presentContact(ctx, key, contact), presentContact(ctx, key, next))
    const id = crypto.randomUUID()
    await insertHistory(trx, contact, {
      id,
      at: ctx.now(),
      actor_id: ctx.user.userId,
      kind,
      changes_sealed: ctx.codec.sealRow('contact_history', key, id, { changes }).changes_sealed,
      version: version + 1,
    })
  }
  return { ...next, version: version + 1 }
}

export async function updateContact(ctx: RequestContext, trx: Trx, contact: OpenedContact, version: number, input: ContactInput) {
  await checkThemes(trx, input.themes)
  if (input.personId !== contact.person_id) await checkPerson(ctx, trx, input.personId)
  const key = await ctx.codec.personKey(trx, contact.id)
  const set = {
    ...columns(ctx, key, contact.id, input),
    ...(await answersChange(ctx, trx, contact, input.answersContactId)),
  }
  return change(ctx, trx, contact, version, 'updated', set, { ...contact, ...set })
}

export async function finaliseContact(ctx: RequestContext, trx: Trx, contact: OpenedContact, version: number) {
  if (contact.status === 'final') throw fail('state.invalid_transition')
  const set = { status: 'final' as const, finalised_at: ctx.now() }
  const finalised = await change(ctx, trx, contact, version, 'finalised', set, { ...contact, ...set })
  await markCalledBack(ctx, trx, finalised)
  return finalised
}

/**
 * What an edit does to the contact a call-back answers: left as it is when the field is absent;
 * changeable on a draft only (once final, the contact it answered is already marked called back).
 */
async function answersChange(ctx: RequestContext, trx: Trx, contact: OpenedContact, target: string | null | undefined) {
  if (target === undefined || target === contact.answers_contact_id) return {}
  if (contact.status === 'final') throw invalidField('answersContactId', 'fixed_once_final', 'Fixed once the contact is final')
  if (target) await checkAnswered(ctx, trx, target, contact.id)
  return { answers_contact_id: target }
}

/**
 * Links the contact to the person it is about and to a case: an existing one the caller may
 * change, or a new one opened by the accompaniments command (so that its rules stay in one
 * place). The case's timeline gets a `contact_linked` line. The contact keeps its own key.
 */
export async function linkContact(
  ctx: RequestContext,
  trx: Trx,
  contact: OpenedContact,
  version: number,
  input: z.output<typeof LinkContact>,
) {
  if (contact.version !== version) return stale()
  if (input.personId) await checkPerson(ctx, trx, input.personId)
  const line = {
    type: 'contact_linked' as const,
    data: { contactId: contact.id, channel: contact.channel, occurredAt: contact.occurred_at },
  }
  let accompanimentId = contact.accompaniment_id
  if (input.accompanimentId) {
    try {
      const acc = await openCase(trx, ctx.user, input.accompanimentId, 'change')
      await addEvent(ctx, trx, acc, line.type, line.data)
      accompanimentId = acc.id
    } catch (error) {
      if (error instanceof AppError && error.code === 'resource.not_found')
        throw invalidField('accompanimentId', 'unknown_case', 'No case you may change has this id')
      throw error
    }
  } else if (input.newCase) {
    accompanimentId = await createAccompaniment(ctx, trx, input.newCase, [line])
  }
  const set = {
    person_id: input.personId ?? contact.person_id,
    accompaniment_id: accompanimentId,
    orientation:
      contact.orientation ??
      (input.newCase ? (input.newCase.kind === 'concerned' ? ('accompaniment' as const) : ('advice_case' as const)) : null),
  }
  return change(ctx, trx, contact, version, 'linked', set, { ...contact, ...set })
}

/**
 * Sets (or, with no date, clears) the call-back; setting one on a contact already called back puts
 * it back in the queue. When the contact is linked to a case the caller
 * may change, a "call back" task is added to that case through the tasks command as well.
 */
export async function setCallback(
  ctx: RequestContext,
  trx: Trx,
  contact: OpenedContact,
  version: number,
  input: z.output<typeof CallbackInput>,
): Promise<{ contact: OpenedContact; taskId: string | null }> {
  const assignee = input.dueDate ? (input.assigneeId ?? ctx.user.userId) : null
  if (assignee && assignee !== ctx.user.userId) {
    const ok = await trx
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select('users.id')
      .where('users.id', '=', assignee)
      .where('users.disabled', '=', 0)
      .where('user_roles.role', 'in', ['intake', 'worker', 'lead'])
      .executeTakeFirst()
    if (!ok) throw invalidField('assigneeId', 'not_a_staff_member', 'Not an active intake, worker or lead')
  }
  // A call-back set again after the contact was called back (the caller asked to be called once
  // more) makes it wait again: `called_back_at` is cleared, so its queue rank comes back, and the
  // history line of this change keeps the earlier call-back's time (calledBackAt: old → null).
  // Clearing the call-back (no date) leaves a call-back made as it was.
  const set = {
    callback_on: input.dueDate,
    callback_assignee_id: assignee,
    ...(input.dueDate && contact.called_back_at ? { called_back_at: null } : {}),
  }
  const updated = await change(ctx, trx, contact, version, 'callback', set, { ...contact, ...set })
  let taskId: string | null = null
  if (input.dueDate && contact.accompaniment_id && (ctx.user.roles.includes('worker') || ctx.user.roles.includes('lead'))) {
    const acc = await openCase(trx, ctx.user, contact.accompaniment_id, 'change').catch(() => null)
    if (acc) taskId = await createTask(ctx, trx, acc, { title: 'Rappeler (contact)', dueDate: input.dueDate, assigneeId: assignee })
  }
  return { contact: updated, taskId }
}
