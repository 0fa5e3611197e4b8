import crypto from 'node:crypto'
import { ACCOMPANIMENT_KINDS } from '../../../common/contracts/accompaniments.contracts'
import { type ClientKinds, InstrumentDefinition, type InstrumentPurpose } from '../../../common/contracts/instruments.contracts'
import { fromJson, toJson } from '../../db/json'
import type { Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { BUILT_IN_INSTRUMENTS } from './builtin'

async function insertVersion(trx: Trx, code: string, definition: InstrumentDefinition, createdBy: string | null, now: string) {
  const last = await trx
    .selectFrom('instrument_versions')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('instrument_id', '=', code)
    .executeTakeFirst()
  const version = Number(last?.latest ?? 0) + 1
  const id = crypto.randomUUID()
  await trx
    .insertInto('instrument_versions')
    .values({ id, instrument_id: code, version, definition: toJson(definition), created_by: createdBy, created_at: now })
    .execute()
  return { id, version }
}

export async function createInstrument(
  trx: Trx,
  code: string,
  definition: InstrumentDefinition,
  purpose: InstrumentPurpose,
  clientKinds: ClientKinds,
  userId: string,
  now: string,
) {
  const taken = await trx.selectFrom('instruments').select('id').where('id', '=', code).executeTakeFirst()
  if (taken) throw invalidField('code', 'taken', 'An instrument with this code exists')
  await trx
    .insertInto('instruments')
    .values({ id: code, built_in: 0, created_at: now, purpose, client_kinds: toJson(inKindOrder(clientKinds)) })
    .execute()
  return insertVersion(trx, code, definition, userId, now)
}

/** A new version leaves earlier ones untouched: answer sets keep the version they were given in. */
export async function addVersion(trx: Trx, code: string, definition: InstrumentDefinition, userId: string, now: string) {
  const exists = await trx.selectFrom('instruments').select('id').where('id', '=', code).executeTakeFirst()
  if (!exists) throw fail('resource.not_found')
  return insertVersion(trx, code, definition, userId, now)
}

/** Kinds kept in one order, whatever order they were sent in: lists and comparisons stay stable. */
function inKindOrder(kinds: ClientKinds): ClientKinds {
  return ACCOMPANIMENT_KINDS.filter((k) => kinds.includes(k))
}

/**
 * The kinds of case an instrument is offered on, set by an admin under If-Match on the
 * instrument's own version. Answer sets already given stay whatever the change.
 */
export async function setClientKinds(
  trx: Trx,
  code: string,
  expected: number,
  clientKinds: ClientKinds,
): Promise<{ before: ClientKinds; after: ClientKinds; version: number }> {
  const current = await trx.selectFrom('instruments').select(['version', 'client_kinds']).where('id', '=', code).executeTakeFirst()
  if (!current) throw fail('resource.not_found')
  if (current.version !== expected) throw fail('version.mismatch')
  const after = inKindOrder(clientKinds)
  const result = await trx
    .updateTable('instruments')
    .set({ client_kinds: toJson(after), version: expected + 1 })
    .where('id', '=', code)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
  return { before: current.client_kinds ? fromJson(current.client_kinds) : [...ACCOMPANIMENT_KINDS], after, version: expected + 1 }
}

/**
 * Installs the built-in instruments, and a new version of one when its definition in code has
 * changed since it was last installed. Compared with the versions installed from code only, so
 * that an admin's own revision is never overwritten by a restart. Idempotent.
 */
export async function installBuiltInInstruments(db: Trx): Promise<number> {
  let added = 0
  const now = new Date().toISOString()
  for (const b of BUILT_IN_INSTRUMENTS) {
    const definition = InstrumentDefinition.parse(b.definition)
    const text = toJson(definition)
    added += await db.transaction().execute(async (trx) => {
      const kinds = toJson(inKindOrder(b.clientKinds))
      const exists = await trx.selectFrom('instruments').select('id').where('id', '=', b.code).executeTakeFirst()
      if (!exists)
        await trx
          .insertInto('instruments')
          .values({ id: b.code, built_in: 1, created_at: now, purpose: b.purpose ?? 'case', client_kinds: kinds })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute()
      // A built-in installed before client kinds existed gets its default once: only while it has
      // none, so that an admin's choice survives every restart and replicas agree on the outcome.
      await trx.updateTable('instruments').set({ client_kinds: kinds }).where('id', '=', b.code).where('client_kinds', 'is', null).execute()
      const installed = await trx
        .selectFrom('instrument_versions')
        .select('definition')
        .where('instrument_id', '=', b.code)
        .where('created_by', 'is', null)
        .execute()
      if (installed.some((v) => v.definition === text)) return 0
      await insertVersion(trx, b.code, definition, null, now)
      return 1
    })
  }
  return added
}
