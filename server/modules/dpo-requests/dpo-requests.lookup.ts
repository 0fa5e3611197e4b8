import type { DpoRequestKind } from '../../../common/contracts/dpo-requests.contracts'
import type { Row, Trx } from '../../http/context'
import { invalidField } from '../../http/errors'

export type DpoRequestRow = Row<'dpo_requests'>

/**
 * The recorded request an act of the DPO rests on (an export, a restriction, an erasure): DESIGN
 * §3, the DPO reads or changes a person's data only under a recorded request. It must exist, be
 * still open (not closed), be of one of `kinds`, and be about `personId` when one is given. Every
 * refusal names the field `requestId`, never the request's content.
 */
export async function requireDpoRequest(
  trx: Trx,
  requestId: string,
  kinds: readonly DpoRequestKind[],
  personId?: string,
  field = 'requestId',
): Promise<DpoRequestRow> {
  const row = await trx.selectFrom('dpo_requests').selectAll().where('id', '=', requestId).executeTakeFirst()
  if (!row) throw invalidField(field, 'unknown_request', 'No such data-subject request')
  if (row.status === 'closed') throw invalidField(field, 'request_closed', 'The data-subject request is closed')
  if (!kinds.includes(row.kind)) throw invalidField(field, 'request_kind', `The request must be of kind ${kinds.join(' or ')}`)
  if (personId !== undefined && row.person_id !== personId)
    throw invalidField(field, 'request_person', 'The request is about another person, or about nobody yet')
  return row
}
