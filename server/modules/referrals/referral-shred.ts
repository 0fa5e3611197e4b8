import type { RequestContext, Trx } from '../../http/context'

/**
 * Crypto-shredding of a referral's copy: its own data key (person_keys under the referral id) is
 * deleted, the sealed copy nulled and the moment kept, in the caller's transaction (a request's,
 * or the daily expiry job's: referral-expiry.ts). The case's
 * side (reason, request, summary, feedback, sealed with the client's key) stays.
 */
export async function shredReferral(ctx: Pick<RequestContext, 'codec'>, trx: Trx, referralId: string, now: string): Promise<void> {
  await ctx.codec.shredKey(trx, referralId)
  await trx
    .updateTable('referrals')
    .set({ copy_sealed: null, shredded_at: now })
    .where('id', '=', referralId)
    .where('shredded_at', 'is', null)
    .execute()
}
