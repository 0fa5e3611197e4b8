import type { FieldError } from '../../../common/contracts/problem.contracts'
import type { Trx } from '../../http/context'
import { AppError } from '../../http/errors'
import { foreignIds, writeOrganisation } from './partners.commands'
import type { Parsed } from './partners.hsds-import'

const CHUNK = 500

/**
 * Writes an HSDS file already read by `readHsds` (without errors): organisations with the same
 * ids are updated, others added. Refuses the whole file (problem+json naming record and field)
 * when one of its contact or service ids belongs to another organisation. The import route and
 * the demo seed both import through here, inside the caller's audited transaction.
 */
export async function applyHsdsImport(trx: Trx, inputs: Parsed['inputs'], now: string) {
  const ids = inputs.map((r) => r.input.id as string)
  const existing = new Map<string, number>()
  for (let i = 0; i < ids.length; i += CHUNK)
    for (const r of await trx
      .selectFrom('partner_organisations')
      .select(['id', 'version'])
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute())
      existing.set(r.id, r.version)
  const taken: FieldError[] = []
  for (const { index, input } of inputs)
    for (const e of await foreignIds(trx, input.id as string, input, `${index}.`))
      taken.push({ ...e, message: `organization ${index} (${input.id}): ${e.message}` })
  if (taken.length) throw new AppError('validation.failed', taken.slice(0, 50))
  let services = 0
  for (const { input } of inputs) {
    const id = input.id as string
    await writeOrganisation(trx, id, input, now, existing.get(id) ?? null)
    services += input.services.length
  }
  return { organizations: inputs.length, created: inputs.length - existing.size, updated: existing.size, services }
}
