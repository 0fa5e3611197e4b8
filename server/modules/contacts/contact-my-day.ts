import type { z } from 'zod'
import type { MyDayContacts } from '../../../common/contracts/contacts.contracts'
import { rolesGrant } from '../../../common/permissions'
import type { AuditDraft, RequestContext, Trx } from '../../http/context'
import { visibleContacts } from '../../security/contact-access'
import { dutyNow } from '../duty/duty.queries'
import { brussels } from '../duty/duty.time'
import { summaries } from './contacts.queries'

/** At most this many lines in each list: more would not be a day's work, and the queue has them all. */
const LIMIT = 50

/**
 * The contact point's part of My day, for the person on duty now only (the rota's holder of this
 * half-day in Brussels, as `GET /api/duty/now` says; the same person the triage gives an
 * emergency's call-back to): the contacts in immediate danger no lead has acknowledged yet, and
 * the call-backs due today (Brussels date) or earlier that nobody has made. Undefined for anyone
 * else, so the section is absent. Contacts come through the contact door only (`visibleContacts`):
 * a worker on duty sees those the door gives them, as in the queue; each line is the queue's own
 * summary (the caller's name only where the queue shows it), and every person shown is recorded on
 * the My day entry. Both lists read the queue's index (`contacts_queue`, queue_rank first).
 */
export async function contactsOnDuty(
  ctx: RequestContext,
  trx: Trx,
  audit: AuditDraft,
): Promise<z.output<typeof MyDayContacts> | undefined> {
  if (!rolesGrant(ctx.user.roles, 'contact.read')) return undefined
  const at = new Date(ctx.now())
  const duty = await dutyNow(trx, at)
  if (duty.onDuty?.userId !== ctx.user.userId) return undefined
  const today = brussels(at).date
  const [danger, callbacks] = await Promise.all([
    // queue_rank -1: in immediate danger and not acknowledged (contacts.commands.ts, queueRank).
    visibleContacts(trx, ctx.user)
      .selectAll('contacts')
      .where('contacts.queue_rank', '=', -1)
      .orderBy('contacts.occurred_at')
      .limit(LIMIT)
      .execute(),
    // Waiting in the queue with a call-back date: a contact called back has left it (queue_rank null).
    visibleContacts(trx, ctx.user)
      .selectAll('contacts')
      .where('contacts.queue_rank', 'is not', null)
      .where('contacts.callback_on', '<=', today)
      .orderBy('contacts.callback_on')
      .orderBy('contacts.occurred_at')
      .limit(LIMIT)
      .execute(),
  ])
  audit.detail({ onDuty: true })
  return {
    today,
    danger: await summaries(ctx, trx, audit, danger),
    callbacks: await summaries(ctx, trx, audit, callbacks),
  }
}
