import type { z } from 'zod'
import { CONTACT_COUNT_CAP, type ContactListQuery } from '../../../common/contracts/contacts.contracts'
import type { AuditDraft, RequestContext, Trx } from '../../http/context'
import { contactsByIndex, historyOf, type OpenedContact, personsOfLinkedCases, visibleContacts } from '../../security/contact-access'
import { presentSummary, SUMMARY_COLUMNS, type SummaryRow } from './contacts.presenter'

/** Records on the entry the persons contacts are about and the clients of the cases they are linked to. */
export async function recordShown(trx: Trx, audit: AuditDraft, rows: { person_id: string | null; accompaniment_id: string | null }[]) {
  audit.shows(rows.map((r) => r.person_id))
  audit.shows(
    await personsOfLinkedCases(
      trx,
      rows.map((r) => r.accompaniment_id),
    ),
  )
}

/** Lines of a list, each contact's caller name opened with its own key; every contact shown is on the entry. */
export async function summaries(ctx: RequestContext, trx: Trx, audit: AuditDraft, rows: SummaryRow[]) {
  const keys = await ctx.codec.personKeys(
    trx,
    rows.filter((r) => r.caller_sealed).map((r) => r.id),
  )
  await recordShown(trx, audit, rows)
  return rows.map((r) => presentSummary(ctx, keys.get(r.id), r))
}

/** A page of the contacts the caller may see, newest first, filtered by status, channel and dates, with a count capped at CONTACT_COUNT_CAP. */
export async function listContacts(ctx: RequestContext, trx: Trx, audit: AuditDraft, q: z.output<typeof ContactListQuery>) {
  let base = visibleContacts(trx, ctx.user)
  if (q.status) base = base.where('contacts.status', '=', q.status)
  if (q.channel) base = base.where('contacts.channel', '=', q.channel)
  // Compared as UTC text, as stored.
  if (q.from) base = base.where('contacts.occurred_at', '>=', new Date(q.from).toISOString())
  if (q.to) base = base.where('contacts.occurred_at', '<=', new Date(q.to).toISOString())
  const [rows, total] = await Promise.all([
    base
      .selectAll('contacts')
      .orderBy('contacts.occurred_at', 'desc')
      .orderBy('contacts.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    // Counted up to the cap only: one more id than the cap says "more", without reading every match.
    base
      .select('contacts.id')
      .limit(CONTACT_COUNT_CAP + 1)
      .execute(),
  ])
  return {
    items: await summaries(ctx, trx, audit, rows),
    total: Math.min(total.length, CONTACT_COUNT_CAP),
    capped: total.length > CONTACT_COUNT_CAP,
  }
}

/**
 * The intake queue: final contacts waiting for an orientation or a call-back, most urgent first
 * (immediate, 48 h, a week, none), then oldest first. One range of index contacts_queue, which
 * holds only the contacts waiting for something (partial, 0032): its size follows the queue, not
 * the line. Only the columns a line shows are read.
 */
export async function contactQueue(ctx: RequestContext, trx: Trx, audit: AuditDraft) {
  const rows = await visibleContacts(trx, ctx.user)
    .select(SUMMARY_COLUMNS)
    .where('contacts.queue_rank', 'is not', null)
    .orderBy('contacts.queue_rank')
    .orderBy('contacts.occurred_at')
    .limit(200)
    .execute()
  return { items: await summaries(ctx, trx, audit, rows) }
}

/**
 * Earlier contacts from this phone or e-mail, found by blind index. Those the caller may read are
 * identified (id, caller name) and recorded on the entry; the others are only counted and dated.
 */
export async function repeatCaller(ctx: RequestContext, trx: Trx, audit: AuditDraft, q: { phone: string | null; email: string | null }) {
  const index = {
    phone: q.phone ? ctx.services.contactIndex.phone(q.phone) : null,
    email: q.email ? ctx.services.contactIndex.email(q.email) : null,
  }
  if (!index.phone && !index.email) return { count: 0, items: [] }
  const found = await contactsByIndex(trx, ctx.user, index)
  const keys = await ctx.codec.personKeys(
    trx,
    found.rows.filter((r) => r.readable && r.caller_sealed).map((r) => r.id),
  )
  audit.detail({ matches: found.total })
  return {
    count: found.total,
    items: found.rows.map((r) => {
      const key = r.readable ? keys.get(r.id) : undefined
      const caller = key ? ctx.codec.openRow('contacts', key, r.id, { caller_sealed: r.caller_sealed }).caller : null
      return {
        id: r.readable ? r.id : null,
        occurredAt: r.occurred_at,
        channel: r.channel,
        callerKind: r.caller_kind,
        matchedBy: index.phone && r.phone_index === index.phone ? ('phone' as const) : ('email' as const),
        callerName: caller?.name ?? null,
        readable: r.readable,
      }
    }),
  }
}

/** The contact's history, oldest first, each change opened with the contact's key. */
export async function contactHistory(ctx: RequestContext, trx: Trx, audit: AuditDraft, contact: OpenedContact) {
  const rows = await historyOf(trx, contact).limit(500).execute()
  const key = await ctx.codec.personKey(trx, contact.id)
  const items = rows.map((r) => ({
    at: r.at,
    actorName: r.actorName ?? null,
    kind: r.kind,
    changes: ctx.codec.openRow('contact_history', key, r.id, r).changes,
    version: r.version,
  }))
  // Earlier links show too: every person and case the history names is on the entry.
  const named = (field: string) =>
    items
      .flatMap((i) => i.changes.filter((c) => c.field === field).flatMap((c) => [c.old, c.new]))
      .filter((v): v is string => typeof v === 'string')
  await recordShown(trx, audit, [
    { person_id: contact.person_id, accompaniment_id: contact.accompaniment_id },
    ...named('personId').map((p) => ({ person_id: p, accompaniment_id: null })),
    ...named('accompanimentId').map((a) => ({ person_id: null, accompaniment_id: a })),
  ])
  return { items }
}
