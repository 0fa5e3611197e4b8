import type { RequestContext, Trx } from '../../http/context'
import { AppError, invalidField } from '../../http/errors'
import { type OpenedContact, openContact } from '../../security/contact-access'
import { change } from './contacts.commands'

/**
 * Call-backs answered: an outgoing contact may answer an earlier one (`answers_contact_id`). The
 * earlier contact leaves the queue only when its answer is finalised (a draft is a call still on
 * someone's screen), in the same transaction as the finalising.
 */

/**
 * The contact an answer points at, through the contact door: one that does not exist and one the
 * caller may not see get the same 422, so that the answer says nothing of contacts out of reach.
 */
export async function checkAnswered(ctx: RequestContext, trx: Trx, targetId: string, selfId?: string): Promise<OpenedContact> {
  const unknown = () => invalidField('answersContactId', 'unknown_contact', 'No contact you may see has this id')
  if (targetId === selfId) throw unknown()
  try {
    return await openContact(trx, ctx.user, targetId, 'read')
  } catch (error) {
    if (error instanceof AppError && error.code === 'resource.not_found') throw unknown()
    throw error
  }
}

/**
 * Marks the contact that `answer` answers as called back, now: out of the queue (its rank is
 * recomputed by `change`), a `called_back` line on its history naming the answer, its version
 * bumped. Returns the id of the contact marked, or null when the answer answers nothing or the
 * caller can no longer see the contact it answers (the finalising of one's own call goes on).
 */
export async function markCalledBack(ctx: RequestContext, trx: Trx, answer: OpenedContact): Promise<string | null> {
  if (!answer.answers_contact_id) return null
  const target = await openContact(trx, ctx.user, answer.answers_contact_id, 'read').catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'resource.not_found') return null
    throw error
  })
  if (!target) return null
  const set = { called_back_at: ctx.now() }
  await change(ctx, trx, target, target.version, 'called_back', set, { ...target, ...set })
  return target.id
}
