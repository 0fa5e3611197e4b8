import type { Trx } from '../../http/context'
import { requireDpoRequest } from '../dpo-requests/dpo-requests.lookup'

/** The data-subject request a restriction answers: recorded, open, of kind restriction, about this person. */
export async function checkRequest(trx: Trx, requestId: string, personId: string): Promise<string> {
  return (await requireDpoRequest(trx, requestId, ['restriction'], personId)).id
}
