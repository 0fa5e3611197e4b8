import type { ReferralCopy, ReferralInput } from '../../../common/contracts/referrals.contracts'
import { type Json, toJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { AppError } from '../../http/errors'
import { type OpenedCase, rowsOf } from '../../security/case-access'
import { documentName, typeOfMime } from '../documents/file-types'
import { currentPlan } from '../plans/plans.queries'

/**
 * The documents and plan goals a referral shares, chosen by id on the draft and copied, as they
 * are at that moment, into the partner's sealed copy when it is sent.
 */

export type Selection = { documentIds: string[]; planGoalIds: string[] }

export const selectionOf = (input: Pick<ReferralInput, 'documentIds' | 'planGoalIds'>): Json<Selection> | null =>
  input.documentIds.length || input.planGoalIds.length ? toJson({ documentIds: input.documentIds, planGoalIds: input.planGoalIds }) : null

/** A shared document in the sealed copy: what the partner is shown, and the content's own key to open it. */
export type CopiedDocument = NonNullable<ReferralCopy['documents']>[number] & { contentKey: string }
export type SealedCopy = Omit<ReferralCopy, 'documents'> & { documents?: CopiedDocument[] }

/** The copy as the partner's staff see it: never the content keys. */
export const partnerCopy = (copy: SealedCopy): ReferralCopy => ({
  ...copy,
  ...(copy.documents ? { documents: copy.documents.map(({ contentKey: _key, ...d }) => d) } : {}),
})

const refuse = (issues: { field: string; code: string; message: string }[]) => {
  if (issues.length) throw new AppError('validation.failed', issues)
}

/**
 * The documents chosen, opened: each must be a document of this case, stored with its own content
 * key (older ones are sealed with the person's key, which never leaves the case), and not the
 * signed form of a consent (that stays with the case's workers). Each refused one is named.
 */
export async function selectedDocuments(ctx: RequestContext, trx: Trx, acc: OpenedCase, ids: string[]): Promise<CopiedDocument[]> {
  if (ids.length === 0) return []
  const rows = await rowsOf(trx, acc, 'documents')
    .select(['documents.id', 'documents.filename_sealed', 'documents.content_key_sealed', 'documents.content_type', 'documents.size'])
    .where('documents.id', 'in', ids)
    .execute()
  const forms = await trx
    .selectFrom('consents')
    .select('document_id')
    .where('accompaniment_id', '=', acc.id)
    .where('document_id', 'in', ids)
    .execute()
  const signed = new Set(forms.map((f) => f.document_id))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const issues = ids.flatMap((id, i) => {
    const row = byId.get(id)
    if (!row) return [{ field: `documentIds.${i}`, code: 'unknown_document', message: 'Not a document of this case' }]
    if (signed.has(id)) return [{ field: `documentIds.${i}`, code: 'signed_consent_form', message: 'A signed consent form is not shared' }]
    if (!row.content_key_sealed)
      return [{ field: `documentIds.${i}`, code: 'not_shareable', message: 'Stored before documents could be shared' }]
    return []
  })
  refuse(issues)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return ids.map((id) => {
    const row = byId.get(id)!
    const opened = ctx.codec.openRow('documents', key, row.id, row)
    const type = typeOfMime(row.content_type)
    return {
      id,
      filename: type ? documentName(opened.filename, type) : opened.filename,
      contentType: row.content_type,
      size: row.size,
      contentKey: opened.content_key ?? '',
    }
  })
}

/** The titles of the goals chosen (every goal when none is), in the plan's order; an unknown goal is named. */
export async function selectedGoals(ctx: RequestContext, trx: Trx, acc: OpenedCase, ids: string[]): Promise<string[]> {
  const goals = (await currentPlan(ctx, trx, acc)).goals
  if (ids.length === 0) return goals.map((g) => g.title)
  const known = new Set(goals.map((g) => g.id))
  refuse(
    ids.flatMap((id, i) =>
      known.has(id) ? [] : [{ field: `planGoalIds.${i}`, code: 'unknown_goal', message: 'Not a goal of the current plan' }],
    ),
  )
  const chosen = new Set(ids)
  return goals.filter((g) => chosen.has(g.id)).map((g) => g.title)
}
