import crypto from 'node:crypto'
import type { Actor, Trx } from '../http/context'
import { fail } from '../http/errors'

/**
 * Restriction of processing (GDPR art. 18): the one place that writes the restriction flags the
 * doors read (`persons.restricted`, `accompaniments.restricted`; see case-access.ts and
 * person-access.ts for what they then refuse) and the register of restrictions behind them. The
 * DPO reaches any person here, by id or code, but reads only the person's code, version and the
 * restrictions themselves: no identity, no case content.
 */

export type RestrictablePerson = { id: string; code: string; version: number; restricted: boolean }

const truthy = (v: unknown) => v === true || v === 1 || v === '1'

/** The person, unless they do not exist or were erased (no data key): 404 either way. */
export async function personForRestriction(trx: Trx, by: { id: string } | { code: string }): Promise<RestrictablePerson> {
  const row = await trx
    .selectFrom('persons')
    .select(['persons.id', 'persons.code', 'persons.version', 'persons.restricted'])
    .$if('id' in by, (q) => q.where('persons.id', '=', (by as { id: string }).id))
    .$if('code' in by, (q) => q.where('persons.code', '=', (by as { code: string }).code))
    .where((eb) =>
      eb.exists(eb.selectFrom('person_keys').select('person_keys.person_id').whereRef('person_keys.person_id', '=', 'persons.id')),
    )
    .executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  return { id: row.id, code: row.code, version: row.version, restricted: truthy(row.restricted) }
}

/** Every restriction of the person, newest first (sealed reasons: the caller opens them). */
export function restrictionsOf(trx: Trx, personId: string) {
  return trx
    .selectFrom('restrictions')
    .select(['id', 'accompaniment_id', 'request_id', 'reason_sealed', 'restricted_at', 'lift_reason_sealed', 'lifted_at'])
    .where('person_id', '=', personId)
    .orderBy('restricted_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Restriction and lifting are edits of the person: If-Match on their version, which moves on. */
async function bumpVersion(trx: Trx, person: RestrictablePerson, version: number, now: string) {
  const result = await trx
    .updateTable('persons')
    .set({ version: version + 1, updated_at: now })
    .where('persons.id', '=', person.id)
    .where('persons.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
}

/** Whether the case is one of the person's (as client or as the person it concerns). */
async function caseOfPerson(trx: Trx, personId: string, caseId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('accompaniments')
    .select('accompaniments.id')
    .where('accompaniments.id', '=', caseId)
    .where((eb) => eb.or([eb('accompaniments.person_id', '=', personId), eb('accompaniments.concerned_person_id', '=', personId)]))
    .executeTakeFirst()
  return Boolean(row)
}

/**
 * Restricts the person (or one case of theirs). `seal` seals the reason for the new row's id.
 * Refused (409) when that is restricted already: one restriction at a time, lifted as a whole.
 */
export async function restrict(
  trx: Trx,
  actor: Actor,
  person: RestrictablePerson,
  version: number,
  input: { caseId: string | null; requestId: string | null; now: string; seal: (rowId: string) => string },
): Promise<string> {
  if (input.caseId && !(await caseOfPerson(trx, person.id, input.caseId))) throw fail('resource.not_found')
  const active = await trx
    .selectFrom('restrictions')
    .select(['id', 'accompaniment_id'])
    .where('person_id', '=', person.id)
    .where('lifted_at', 'is', null)
    .execute()
  if (active.some((r) => r.accompaniment_id === null || r.accompaniment_id === input.caseId)) throw fail('state.invalid_transition')
  await bumpVersion(trx, person, version, input.now)
  const id = crypto.randomUUID()
  await trx
    .insertInto('restrictions')
    .values({
      id,
      person_id: person.id,
      accompaniment_id: input.caseId,
      request_id: input.requestId,
      reason_sealed: input.seal(id),
      restricted_by: actor.userId,
      restricted_at: input.now,
    })
    .execute()
  await recomputeFlags(trx, person.id)
  return id
}

/** Lifts every restriction of the person still in force (each lifting reason sealed for its row); 409 when none is. */
export async function lift(
  trx: Trx,
  actor: Actor,
  person: RestrictablePerson,
  version: number,
  input: { now: string; seal: (rowId: string) => string },
): Promise<string[]> {
  const active = await trx
    .selectFrom('restrictions')
    .select('id')
    .where('person_id', '=', person.id)
    .where('lifted_at', 'is', null)
    .execute()
  if (active.length === 0) throw fail('state.invalid_transition')
  await bumpVersion(trx, person, version, input.now)
  for (const r of active)
    await trx
      .updateTable('restrictions')
      .set({ lifted_at: input.now, lifted_by: actor.userId, lift_reason_sealed: input.seal(r.id) })
      .where('id', '=', r.id)
      .execute()
  await recomputeFlags(trx, person.id)
  return active.map((r) => r.id)
}

/**
 * The flags from the restrictions in force: the person's when one covers them whole; each of
 * their cases' when one covers the case, its client or the person it concerns (a relative's case
 * about a restricted person is restricted too: it is their data).
 */
async function recomputeFlags(trx: Trx, personId: string): Promise<void> {
  await trx
    .updateTable('persons')
    .set((eb) => ({
      restricted: eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('restrictions as r')
              .select('r.id')
              .whereRef('r.person_id', '=', 'persons.id')
              .where('r.accompaniment_id', 'is', null)
              .where('r.lifted_at', 'is', null),
          ),
        )
        .then(1)
        .else(0)
        .end(),
    }))
    .where('persons.id', '=', personId)
    .execute()
  await trx
    .updateTable('accompaniments')
    .set((eb) => ({
      restricted: eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('restrictions as r')
              .select('r.id')
              .where('r.lifted_at', 'is', null)
              .where((w) =>
                w.or([
                  w('r.accompaniment_id', '=', w.ref('accompaniments.id')),
                  w.and([
                    w('r.accompaniment_id', 'is', null),
                    w.or([
                      w('r.person_id', '=', w.ref('accompaniments.person_id')),
                      w('r.person_id', '=', w.ref('accompaniments.concerned_person_id')),
                    ]),
                  ]),
                ]),
              ),
          ),
        )
        .then(1)
        .else(0)
        .end(),
    }))
    .where((eb) => eb.or([eb('accompaniments.person_id', '=', personId), eb('accompaniments.concerned_person_id', '=', personId)]))
    .execute()
}
