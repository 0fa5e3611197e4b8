import crypto from 'node:crypto'
import type { LegalBasisView } from '../../../common/contracts/exceptions.contracts'
import type { Labels } from '../../../common/contracts/instruments.contracts'
import { fromJson, toJson } from '../../db/json'
import type { Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { asStaff, type StaffTx } from '../../http/staff-fence'

type Input = { code: string; label: Labels; reference: string; active: boolean }

/** The legal bases kept by the DPO; active ones first, then by code. */
export async function legalBases(trx: StaffTx, id?: string): Promise<LegalBasisView[]> {
  let q = asStaff(trx).selectFrom('legal_bases').selectAll()
  if (id) q = q.where('id', '=', id)
  const rows = await q.orderBy('active', 'desc').orderBy('code').execute()
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    label: fromJson(r.label),
    reference: r.reference,
    active: r.active === 1,
    shippedDefault: r.shipped_default === 1,
    updatedAt: r.updated_at,
    version: r.version,
  }))
}

async function codeTaken(trx: Trx, code: string, except?: string) {
  let q = trx.selectFrom('legal_bases').select('id').where('code', '=', code)
  if (except) q = q.where('id', '<>', except)
  if (await q.executeTakeFirst()) throw invalidField('code', 'taken', 'A legal basis with this code exists')
}

export async function createLegalBasis(trx: Trx, input: Input, userId: string, now: string): Promise<string> {
  await codeTaken(trx, input.code)
  const id = crypto.randomUUID()
  await trx
    .insertInto('legal_bases')
    .values({
      id,
      code: input.code,
      label: toJson(input.label),
      reference: input.reference,
      active: input.active ? 1 : 0,
      shipped_default: 0,
      updated_by: userId,
      updated_at: now,
      version: 1,
    })
    .execute()
  return id
}

/** Edited by the DPO: a shipped default becomes the service's own. Exceptions keep pointing at it. */
export async function updateLegalBasis(trx: Trx, id: string, expected: number, input: Input, userId: string, now: string) {
  const row = await trx.selectFrom('legal_bases').select('version').where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (row.version !== expected) throw fail('version.mismatch')
  await codeTaken(trx, input.code, id)
  const res = await trx
    .updateTable('legal_bases')
    .set({
      code: input.code,
      label: toJson(input.label),
      reference: input.reference,
      active: input.active ? 1 : 0,
      shipped_default: 0,
      updated_by: userId,
      updated_at: now,
      version: expected + 1,
    })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
}
