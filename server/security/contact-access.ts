import { type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely'
import type { Database } from '../db/schema'
import type { Actor, Trx } from '../http/context'
import { fail } from '../http/errors'
import { visibleIn } from './case-access.rule'
import { type CountedContact, dayCounts, moveDayCounts } from './contact-day-counts'

/**
 * The contact door: the one place that names the contact point's tables (`contacts`,
 * `contact_history`) in a query. Who may see a contact:
 *
 * - intake and leads: every contact of the line (they answer it and run the queue);
 * - workers: the contacts linked to a case they see (the one visibility rule, `visibleIn`), those
 *   they logged themselves, and those whose call-back is theirs (the triage gives an emergency's
 *   call-back to whoever is on duty) — except web-form contacts, which no worker logs: those stay
 *   with intake and the leads until they are linked to a case;
 * - partners, researchers, admins and the DPO: none.
 *
 * A contact the actor may not see answers 404, whether or not it exists. Its sealed fields open
 * with its own data key (`person_keys` under the contact id, see migration 0019).
 */

export type ContactRow = Selectable<Database['contacts']>
export type ContactChanges = Updateable<Database['contacts']>
export type ContactHistoryKind = Database['contact_history']['kind']

const seesAll = (actor: Actor) => actor.roles.includes('intake') || actor.roles.includes('lead')

/**
 * Whether the actor may see the contact in scope (`read`), or change it (`change`): a worker who
 * sees the linked case only through break-the-glass reads its contacts but changes none, as with
 * the case itself.
 */
export function contactVisibleTo(actor: Actor, need: 'read' | 'change' = 'read', now = new Date().toISOString()) {
  return (eb: ExpressionBuilder<Database, 'contacts'>) => {
    if (seesAll(actor)) return eb.lit(true)
    if (!actor.roles.includes('worker')) return eb.lit(false)
    const cases =
      need === 'read'
        ? eb.selectFrom('accompaniments').select('accompaniments.id').where(visibleIn(actor, now))
        : eb
            .selectFrom('accompaniment_workers')
            .select('accompaniment_workers.accompaniment_id')
            .where('accompaniment_workers.user_id', '=', actor.userId)
    // A union of index reads rather than an OR: PostgreSQL cannot use an index for "created by
    // me OR linked to a case I see" and read every contact for a worker's list (bench contacts:
    // 1.8 s p95 at 500,000 contacts); each part here reads its own index.
    return eb(
      'contacts.id',
      'in',
      eb
        .selectFrom('contacts as mine')
        .select('mine.id')
        .where('mine.created_by', '=', actor.userId)
        .where('mine.channel', '!=', 'web_form')
        .unionAll(
          eb
            .selectFrom('contacts as called')
            .select('called.id')
            .where('called.callback_assignee_id', '=', actor.userId)
            .where('called.channel', '!=', 'web_form'),
        )
        .unionAll(eb.selectFrom('contacts as linked').select('linked.id').where('linked.accompaniment_id', 'in', cases)),
    )
  }
}

declare const opened: unique symbol
/** A contact that went through the door. Only `openContact` makes one. */
export type OpenedContact = ContactRow & { readonly createdByName: string | null; readonly [opened]: true }

/**
 * The contact in full, when the actor may see it (404 otherwise, whether or not it exists); 403
 * when they see it and want to change it but may only read it (break-the-glass).
 */
export async function openContact(trx: Trx, actor: Actor, id: string, need: 'read' | 'change' = 'read'): Promise<OpenedContact> {
  const row = await trx
    .selectFrom('contacts')
    .leftJoin('users', 'users.id', 'contacts.created_by')
    .selectAll('contacts')
    .select('users.display_name as createdByName')
    .select((eb) => contactVisibleTo(actor, 'change')(eb).as('changeable'))
    .where('contacts.id', '=', id)
    .where(contactVisibleTo(actor))
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (need === 'change' && !row.changeable) throw fail('access.forbidden')
  const { changeable: _, ...contact } = row
  return contact as OpenedContact
}

/** The contacts the actor may see, to filter, order and page. */
export function visibleContacts(trx: Trx, actor: Actor) {
  return trx.selectFrom('contacts').where(contactVisibleTo(actor))
}

/**
 * A new contact; its data key must exist first (ctx.codec.createPersonKey under its id). It is
 * counted in the statistics' day counts in the same transaction (contact-day-counts.ts).
 */
export async function insertContact(trx: Trx, values: Insertable<Database['contacts']>): Promise<void> {
  await trx.insertInto('contacts').values(values).execute()
  await moveDayCounts(trx, null, { ...values, orientation: values.orientation ?? null })
}

/**
 * Writes `set` on this contact's row only, from the version the caller saw: the number of rows
 * changed (0: stale). The day counts move with the row, in the same transaction.
 */
export async function updateContact(trx: Trx, contact: OpenedContact, version: number, set: ContactChanges): Promise<number> {
  const result = await trx
    .updateTable('contacts')
    .set(set)
    .where('contacts.id', '=', contact.id)
    .where('contacts.version', '=', version)
    .executeTakeFirst()
  const changed = Number(result.numUpdatedRows)
  if (changed > 0) await moveDayCounts(trx, contact, { ...contact, ...set } as CountedContact)
  return changed
}

/** Adds a line to the contact's history (its changes sealed with the contact's key by the caller). */
export async function insertHistory(trx: Trx, contact: OpenedContact, values: Omit<Insertable<Database['contact_history']>, 'contact_id'>) {
  await trx
    .insertInto('contact_history')
    .values({ ...values, contact_id: contact.id })
    .execute()
}

export function historyOf(trx: Trx, contact: OpenedContact) {
  return trx
    .selectFrom('contact_history')
    .leftJoin('users', 'users.id', 'contact_history.actor_id')
    .selectAll('contact_history')
    .select('users.display_name as actorName')
    .where('contact_history.contact_id', '=', contact.id)
    .orderBy('contact_history.at')
    .orderBy('contact_history.version')
}

/**
 * Earlier contacts whose caller's phone or e-mail has this keyed hash, newest first, each with
 * whether the actor may see it. The hashes are all the query knows: no plaintext is compared.
 */
export async function contactsByIndex(trx: Trx, actor: Actor, index: { phone: string | null; email: string | null }, limit = 50) {
  const matched = (eb: ExpressionBuilder<Database, 'contacts'>) =>
    eb.or([
      ...(index.phone ? [eb('contacts.phone_index', '=', index.phone)] : []),
      ...(index.email ? [eb('contacts.email_index', '=', index.email)] : []),
    ])
  const rows = await trx
    .selectFrom('contacts')
    .select([
      'contacts.id',
      'contacts.occurred_at',
      'contacts.channel',
      'contacts.caller_kind',
      'contacts.phone_index',
      'contacts.caller_sealed',
    ])
    .where(matched)
    .orderBy('contacts.occurred_at', 'desc')
    .limit(limit)
    .execute()
  const count = await trx
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(matched)
    .executeTakeFirstOrThrow()
  const ids = rows.map((r) => r.id)
  const visible = ids.length
    ? new Set(
        (
          await trx.selectFrom('contacts').select('contacts.id').where('contacts.id', 'in', ids).where(contactVisibleTo(actor)).execute()
        ).map((r) => r.id),
      )
    : new Set<string>()
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({ ...r, caller_sealed: visible.has(r.id) ? r.caller_sealed : null, readable: visible.has(r.id) })),
  }
}

/**
 * The clients (and persons concerned) of the cases contacts are linked to, for the audit entry
 * of a response that names those cases: never shown, only recorded as persons the answer points at.
 */
export async function personsOfLinkedCases(trx: Trx, caseIds: (string | null)[]): Promise<string[]> {
  const ids = [...new Set(caseIds.filter((id): id is string => !!id))]
  if (ids.length === 0) return []
  const rows = await trx
    .selectFrom('accompaniments')
    .select(['accompaniments.person_id', 'accompaniments.concerned_person_id'])
    .where('accompaniments.id', 'in', ids)
    .execute()
  return rows.flatMap((r) => [r.person_id, ...(r.concerned_person_id ? [r.concerned_person_id] : [])])
}

/** Adds a filling of the triage grid to the contact (its answers sealed with the contact's key by the caller). */
export async function insertTriage(trx: Trx, contact: OpenedContact, values: Omit<Insertable<Database['contact_triages']>, 'contact_id'>) {
  await trx
    .insertInto('contact_triages')
    .values({ ...values, contact_id: contact.id })
    .execute()
}

/** The latest filling of the triage grid on the contact, if any. */
export function latestTriageOf(trx: Trx, contact: OpenedContact) {
  return trx
    .selectFrom('contact_triages')
    .selectAll('contact_triages')
    .where('contact_triages.contact_id', '=', contact.id)
    .orderBy('contact_triages.recorded_at', 'desc')
    .orderBy('contact_triages.id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Counts of the contacts that occurred on the Brussels days `fromDay` to `toDay`, i.e. in the
 * instants [from, to), for the lead's statistics: no contact id, identity or text leaves here.
 * The counts per day come from the day counts the door keeps with every contact write
 * (contact-day-counts.ts), so their cost follows the days asked for, not the contacts. Call-back
 * and acknowledgement times come from the few contacts called back or flagged in danger (the
 * partial index `contacts_statistics_timed`); the range is widened by 14 hours because
 * `occurred_at` may carry an offset, and string order is only instant order within one offset.
 */
export async function contactCounts(trx: Trx, period: { from: string; to: string; start: string; end: string }) {
  const wide = (at: string, hours: number) => new Date(Date.parse(at) + hours * 3_600_000).toISOString()
  const inPeriod = (occurredAt: string) => {
    const at = Date.parse(occurredAt)
    return at >= Date.parse(period.start) && at < Date.parse(period.end)
  }
  const [days, timed] = await Promise.all([
    dayCounts(trx, period.from, period.to),
    trx
      .selectFrom('contacts')
      .where('contacts.occurred_at', '>=', wide(period.start, -14))
      .where('contacts.occurred_at', '<', wide(period.end, 14))
      .select(['contacts.occurred_at', 'contacts.called_back_at', 'contacts.danger_at', 'contacts.danger_acknowledged_at'])
      .where((eb) => eb.or([eb('contacts.called_back_at', 'is not', null), eb('contacts.danger_at', 'is not', null)]))
      .execute(),
  ])
  const hours = (a: string, b: string) => Math.max(0, (Date.parse(b) - Date.parse(a)) / 3_600_000)
  const kept = timed.filter((r) => inPeriod(r.occurred_at))
  return {
    days: days.map((d) => ({ day: d.day, dimension: d.dimension, value: d.value, count: Number(d.n) })),
    callBackHours: kept.flatMap((r) => (r.called_back_at ? [hours(r.occurred_at, r.called_back_at)] : [])),
    emergencies: kept.flatMap((r) =>
      r.danger_at ? [{ hoursToAcknowledge: r.danger_acknowledged_at ? hours(r.danger_at, r.danger_acknowledged_at) : null }] : [],
    ),
  }
}

/** How many times each sheet was given in [from, to), and how: driven by `contact_information_given_recorded`. */
export async function informationGivenCounts(trx: Trx, from: string, to: string) {
  const rows = await trx
    .selectFrom('contact_information_given')
    .select((eb) => ['contact_information_given.sheet_id', 'contact_information_given.how', eb.fn.countAll<number>().as('n')])
    .where('contact_information_given.recorded_at', '>=', from)
    .where('contact_information_given.recorded_at', '<', to)
    .groupBy(['contact_information_given.sheet_id', 'contact_information_given.how'])
    .execute()
  return rows.map((r) => ({ sheetId: r.sheet_id, how: r.how, count: Number(r.n) }))
}

/**
 * The latest finalised contact that answers this one (a call-back), when the actor may see it:
 * one the actor may not see is not named.
 */
export async function answeringContactId(trx: Trx, actor: Actor, contact: OpenedContact): Promise<string | null> {
  const row = await trx
    .selectFrom('contacts')
    .select('contacts.id')
    .where('contacts.answers_contact_id', '=', contact.id)
    .where('contacts.status', '=', 'final')
    .where(contactVisibleTo(actor))
    .orderBy('contacts.finalised_at', 'desc')
    .orderBy('contacts.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.id ?? null
}

/** Records an information sheet given during the contact (which sheet, the exact version, language and how); append-only. */
export async function insertInformationGiven(
  trx: Trx,
  contact: OpenedContact,
  values: Omit<Insertable<Database['contact_information_given']>, 'contact_id'>,
): Promise<void> {
  await trx
    .insertInto('contact_information_given')
    .values({ ...values, contact_id: contact.id })
    .execute()
}

/** The sheets given during the contact, newest first: each with the code, and the title and number of the version given. */
export function informationGivenOf(trx: Trx, contact: OpenedContact) {
  return trx
    .selectFrom('contact_information_given')
    .innerJoin('sheets', 'sheets.id', 'contact_information_given.sheet_id')
    .innerJoin('sheet_versions', 'sheet_versions.id', 'contact_information_given.sheet_version_id')
    .leftJoin('users', 'users.id', 'contact_information_given.recorded_by')
    .selectAll('contact_information_given')
    .select(['sheets.code as sheetCode', 'sheet_versions.title as title', 'sheet_versions.version as textVersion'])
    .select('users.display_name as recordedByName')
    .where('contact_information_given.contact_id', '=', contact.id)
    .orderBy('contact_information_given.recorded_at', 'desc')
    .orderBy('contact_information_given.id', 'desc')
}

/**
 * Contacts whose call-back is due on `date` or before and not yet made, for the daily notice to
 * the people on duty (modules/notifications): ids, dates and the assignee only — no identity, no
 * text leaves here. At most `limit`, oldest due first.
 */
export async function callBacksDue(trx: Trx, date: string, limit = 500) {
  return trx
    .selectFrom('contacts')
    .select(['contacts.id', 'contacts.callback_on', 'contacts.callback_assignee_id'])
    .where('contacts.callback_on', '<=', date)
    .where('contacts.called_back_at', 'is', null)
    .orderBy('contacts.callback_on')
    .orderBy('contacts.id')
    .limit(limit)
    .execute()
}
