import type { Insertable } from 'kysely'
import type { Database } from '../db/schema'
import type { Trx } from '../http/context'
import { fail } from '../http/errors'
import type { ChangeableCase, ManageableCase, OpenedCase } from './case-access.open'
import type { OpenedPerson } from './person-access.open'
import { CASE_QUERIES, type CaseRowValues, type CaseTable } from './case-tables'

/**
 * Rows of one case, behind the case door (case-access.ts): the case id of every query comes from
 * an opened (or just created) case, never from the caller.
 */

/** Rows of a case table that belong to this case. */
export function rowsOf<T extends CaseTable>(trx: Trx, acc: OpenedCase, table: T) {
  return CASE_QUERIES[table].rows(trx, acc.id)
}

declare const created: unique symbol
/** A case this transaction has just created. Only `insertCase` makes one. */
export type CreatedCase = { readonly id: string; readonly person_id: string; readonly [created]: true }

/**
 * Opens a new case: inserts its row and answers it for its first rows (the event of its opening),
 * in the same transaction, whether or not its creator will see it afterwards: intake opens cases
 * it does not read.
 */
export async function insertCase(trx: Trx, values: Insertable<Database['accompaniments']>): Promise<CreatedCase> {
  // No new processing of a restricted person: no case is opened for them, nor about them.
  const persons = [values.person_id, ...(values.concerned_person_id ? [values.concerned_person_id] : [])]
  const restricted = await trx
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.id', 'in', persons)
    .where('persons.restricted', '=', 1)
    .execute()
  if (restricted.length) throw fail('processing.restricted')
  await trx.insertInto('accompaniments').values(values).execute()
  return { id: values.id, person_id: values.person_id } as CreatedCase
}

/** Inserts rows into a case table, on this case: the case id is the door's, not the caller's. */
export async function insertRows<T extends CaseTable>(
  trx: Trx,
  acc: ManageableCase | CreatedCase,
  table: T,
  values: CaseRowValues<T> | CaseRowValues<T>[],
): Promise<void> {
  const rows = Array.isArray(values) ? values : [values]
  if (rows.length) await CASE_QUERIES[table].insert(trx, acc.id, rows).execute()
}

/** An update of rows of a case table, limited to this case. */
export function updateRows<T extends CaseTable>(trx: Trx, acc: ManageableCase, table: T) {
  return CASE_QUERIES[table].update(trx, acc.id)
}

/** A deletion of rows of a case table, limited to this case. */
export function deleteRows<T extends CaseTable>(trx: Trx, acc: ChangeableCase, table: T) {
  return CASE_QUERIES[table].delete(trx, acc.id)
}

/** An update of the case's own row (status, details, version), limited to this case. */
export function updateCase(trx: Trx, acc: ManageableCase) {
  return trx.updateTable('accompaniments').where('accompaniments.id', '=', acc.id)
}

type AgeBand = NonNullable<Database['accompaniments']['age_band']['__select__']>

/**
 * The client's age band on each of their cases (migration 0068, ADR 0014), once their birth year is
 * set or corrected: a value derived from the person's own record, which `person` proves was opened
 * for this change, so written on every case of theirs whoever manages it. Each case's band is of the
 * day it opened (`bandOf`). Erased cases keep none; a restricted case of the person moves too, being stored (tested in extract-age-band.api.test.ts).
 */
export async function setClientAgeBands(trx: Trx, person: OpenedPerson, bandOf: (openedAt: string) => AgeBand): Promise<void> {
  const cases = await trx
    .selectFrom('accompaniments')
    .select(['id', 'created_at', 'age_band'])
    .where('person_id', '=', person.id)
    .where('erased_at', 'is', null)
    .execute()
  const changed = new Map<AgeBand, string[]>()
  for (const c of cases) {
    const band = bandOf(c.created_at)
    if (band !== c.age_band) changed.set(band, [...(changed.get(band) ?? []), c.id])
  }
  for (const [band, ids] of changed) await trx.updateTable('accompaniments').set({ age_band: band }).where('id', 'in', ids).execute()
}
