import type { FastifyRequest } from 'fastify'
import { CONSENT_FORM_TYPES } from '../../../common/contracts/referrals.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import type { ChangeableCase } from '../../security/case-access'
import { storeDocument } from '../documents/documents.commands'
import { receiveUpload, type ReceivedUpload } from '../documents/documents.upload'
import { typeOfMime } from '../documents/file-types'

/**
 * The signed consent form: a scan or photo (PDF, PNG, JPEG) of the paper the person signed. It is
 * stored exactly as a case document (sealed under its own content key, its name sealed with the
 * client's key), so the case's workers download it through the documents route, audited; it is
 * never shared with a partner (referral-selection.ts refuses it). The type is checked before any
 * byte is read, the size and content by the documents upload itself.
 */
export async function receiveConsentForm(ctx: RequestContext, accompanimentId: string, request: FastifyRequest): Promise<ReceivedUpload> {
  const type = typeOfMime(String(request.headers['content-type'] ?? ''))
  if (!type || !(CONSENT_FORM_TYPES as readonly string[]).includes(type))
    throw invalidField('file', 'type_not_allowed', `Allowed: ${CONSENT_FORM_TYPES.join(', ')}`)
  return receiveUpload(ctx, accompanimentId, request)
}

/**
 * Stores the form's row and attaches it to a consent of this case (If-Match on the consent). A
 * consent keeps the first form attached: a second would silently replace what was recorded.
 */
export async function attachConsentForm(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  consentId: string,
  expected: number,
  upload: ReceivedUpload,
): Promise<string> {
  const row = await trx
    .selectFrom('consents')
    .select(['version', 'document_id', 'withdrawn_at'])
    .where('id', '=', consentId)
    .where('accompaniment_id', '=', acc.id)
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (row.version !== expected) throw fail('version.mismatch')
  if (row.document_id) throw invalidField('file', 'form_already_attached', 'This consent already has its signed form')
  const documentId = await storeDocument(ctx, trx, acc, upload)
  const res = await trx
    .updateTable('consents')
    .set({ document_id: documentId, version: expected + 1 })
    .where('id', '=', consentId)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
  return documentId
}
