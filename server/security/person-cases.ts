import type { Actor, Trx } from '../http/context'
import { visibleTo } from './case-access.rule'

/**
 * A person's cases, for the persons module: part of the case door (the rule is `visibleTo`,
 * the row form of `case-access.ts`), kept apart so that each file stays readable.
 */

/** SQLite answers booleans as 0/1, PostgreSQL as true/false. */
const truthy = (v: unknown) => v === true || v === 1 || v === '1'

/**
 * The cases of one person (as the client, or as the person concerned by a relative's case) that
 * the actor may see, most recently changed first, and whether any other case of theirs exists.
 * The person's cases are few (two indexes), so each is tested with the row form. Of the cases the
 * actor may not see nothing leaves this function but that boolean: no count, code, team or date,
 * so that a person page can say "other cases exist" (nobody opens a duplicate) and no more.
 */
export async function casesOfPerson(trx: Trx, actor: Actor, personId: string) {
  const rows = await trx
    .selectFrom('accompaniments')
    .select([
      'accompaniments.id',
      'accompaniments.code',
      'accompaniments.kind',
      'accompaniments.status',
      'accompaniments.framework',
      'accompaniments.team_id',
      'accompaniments.person_id',
      'accompaniments.concerned_person_id',
      'accompaniments.created_at',
      'accompaniments.updated_at',
    ])
    .select((eb) => visibleTo(actor)(eb).as('visible'))
    .where((eb) => eb.or([eb('accompaniments.person_id', '=', personId), eb('accompaniments.concerned_person_id', '=', personId)]))
    .orderBy('accompaniments.updated_at', 'desc')
    .orderBy('accompaniments.id', 'desc')
    .execute()
  const visible = rows.filter((r) => truthy(r.visible)).map(({ visible: _, ...r }) => r)
  return { visible, othersExist: visible.length < rows.length }
}

/**
 * The persons of the case with this code (its client, and the person concerned when known), when
 * the actor may see that case; none otherwise, exactly as when no case has the code.
 */
export async function personsOfVisibleCaseCode(trx: Trx, actor: Actor, code: string): Promise<string[]> {
  const row = await trx
    .selectFrom('accompaniments')
    .select(['accompaniments.person_id', 'accompaniments.concerned_person_id'])
    .where('accompaniments.code', '=', code)
    // A search: a restricted case is found by nobody.
    .where('accompaniments.restricted', '=', 0)
    .where(visibleTo(actor))
    .executeTakeFirst()
  return row ? [row.person_id, ...(row.concerned_person_id ? [row.concerned_person_id] : [])] : []
}
