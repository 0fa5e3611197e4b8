import type { ExpressionBuilder } from 'kysely'
import type { Actor, Trx } from '../http/context'
import { fail } from '../http/errors'
import { personLedThroughCase, personReachableThroughCase } from './case-access.persons'

/** Reading one person through the persons door (person-access.ts), and who may. */

export const PERSON_COLUMNS = [
  'persons.id',
  'persons.code',
  'persons.first_name_sealed',
  'persons.last_name_sealed',
  'persons.other_names_sealed',
  'persons.birth_date_sealed',
  'persons.birth_year_sealed',
  'persons.gender',
  'persons.languages',
  'persons.postcode',
  'persons.phone_sealed',
  'persons.email_sealed',
  'persons.notes_sealed',
  'persons.created_by',
  'persons.created_at',
  'persons.updated_at',
  'persons.version',
  'persons.restricted',
] as const

/** Who reads the person in full: their registrar (unless restricted) and whoever sees one of their cases. */
export function readableBy(actor: Actor) {
  return (eb: ExpressionBuilder<any, 'persons'>) =>
    eb.or([eb.and([eb('persons.restricted', '=', 0), eb('persons.created_by', '=', actor.userId)]), personReachableThroughCase(actor)(eb)])
}

/** Who would read the person were they not restricted (their registrar, their cases' workers and grants). */
function readableUnrestricted(actor: Actor) {
  return (eb: ExpressionBuilder<any, 'persons'>) =>
    eb.or([eb('persons.created_by', '=', actor.userId), personLedThroughCase(actor, false)(eb)])
}

declare const opened: unique symbol
type PersonRow = Awaited<ReturnType<typeof findRow>>
/** A person who went through the door. Only `openPerson` makes one. */
export type OpenedPerson = NonNullable<PersonRow> & { readonly [opened]: true }

const findRow = (trx: Trx, actor: Actor, id: string) =>
  trx
    .selectFrom('persons')
    .select(PERSON_COLUMNS)
    .select('persons.erased_at')
    .where('persons.id', '=', id)
    .where(readableBy(actor))
    .executeTakeFirst()

/** The person in full, when the actor may read them; 404 otherwise, 410 once they were erased. */
export async function openPerson(trx: Trx, actor: Actor, id: string): Promise<OpenedPerson> {
  const row = await findRow(trx, actor, id)
  if (!row) {
    const restricted = await trx
      .selectFrom('persons')
      .select('persons.id')
      .where('persons.id', '=', id)
      .where('persons.restricted', '=', 1)
      .where(readableUnrestricted(actor))
      .executeTakeFirst()
    throw fail(restricted ? 'processing.restricted' : 'resource.not_found')
  }
  // The tombstone is read with the row: another instance's cached key can resurrect nothing.
  if (row.erased_at) throw fail('resource.erased')
  return row as OpenedPerson
}

/** Whether this person is a tombstone (crypto-shredded). */
export async function isErased(trx: Trx, personId: string): Promise<boolean> {
  const row = await trx.selectFrom('persons').select('erased_at').where('id', '=', personId).executeTakeFirst()
  return Boolean(row?.erased_at)
}

/**
 * Which of these persons the actor may read in full and find: lists, searches and links, so a
 * restricted person is never among them (their leads open them by their id).
 */
export async function readablePersonIds(trx: Trx, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await trx
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.id', 'in', ids)
    .where('persons.restricted', '=', 0)
    .where(readableBy(actor))
    .execute()
  return new Set(rows.map((r) => r.id))
}

/** An update of the person's own row, limited to this person; refused while they are restricted. */
export function updatePersonRow(trx: Trx, person: OpenedPerson) {
  if (person.restricted) throw fail('processing.restricted')
  return trx.updateTable('persons').where('persons.id', '=', person.id)
}
