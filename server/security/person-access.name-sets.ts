import { PostgresAdapter, sql } from 'kysely'
import type { Trx } from '../http/context'
import type { NameSet } from './name-index'

/**
 * The name search's keys, written behind the persons door (person-access.ts): each person's name
 * is one set of keyed hashes (`person_name_sets`), and each set's hashes are stored once
 * (`name_set_keys`), however many persons are named alike (ADR 0009). A set nobody bears any more
 * is deleted with its last bearer: an erased or renamed person's keyed name does not stay behind.
 */

// Any constant: every instance on one PostgreSQL database takes the same lock.
const NAME_SETS_LOCK_KEY = 7_093_416_215_301_062

/**
 * Orders the writers of name sets on PostgreSQL, so that a set deleted with its last bearer is not
 * the set another transaction has just given a new bearer while seeing its keys still there.
 * Taken before the first read of the sets; under read committed, what is read after it includes
 * every write committed before. SQLite runs one writer at a time already.
 */
async function lockNameSets(trx: Trx): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${NAME_SETS_LOCK_KEY})`.execute(trx)
}

/** Gives persons their name sets (new persons, or persons whose sets were just removed), adding the keys of sets not yet stored. */
export async function addNameSets(trx: Trx, rows: { personId: string; set: NameSet }[]): Promise<void> {
  if (rows.length === 0) return
  await lockNameSets(trx)
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('person_name_sets')
      .values(rows.slice(i, i + 1000).map((r) => ({ person_id: r.personId, set_hash: r.set.setHash })))
      .execute()
  const sets = new Map(rows.map((r) => [r.set.setHash, r.set.keys]))
  const stored = new Set<string>()
  const hashes = [...sets.keys()]
  for (let i = 0; i < hashes.length; i += 500)
    for (const r of await trx
      .selectFrom('name_set_keys')
      .select('set_hash')
      .distinct()
      .where('set_hash', 'in', hashes.slice(i, i + 500))
      .execute())
      stored.add(r.set_hash)
  const missing = [...sets].filter(([h]) => !stored.has(h)).flatMap(([set_hash, keys]) => keys.map((key_hash) => ({ key_hash, set_hash })))
  for (let i = 0; i < missing.length; i += 2000)
    await trx
      .insertInto('name_set_keys')
      .values(missing.slice(i, i + 2000))
      .onConflict((oc) => oc.doNothing())
      .execute()
}

/** Takes persons' name sets away, and the keys of the sets nobody bears any more. */
export async function removeNameSets(trx: Trx, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return
  await lockNameSets(trx)
  const held = new Set<string>()
  for (let i = 0; i < personIds.length; i += 500) {
    const part = personIds.slice(i, i + 500)
    for (const r of await trx.selectFrom('person_name_sets').select('set_hash').where('person_id', 'in', part).execute())
      held.add(r.set_hash)
    await trx.deleteFrom('person_name_sets').where('person_id', 'in', part).execute()
  }
  const sets = [...held]
  for (let i = 0; i < sets.length; i += 500) {
    const part = sets.slice(i, i + 500)
    const borne = new Set(
      (await trx.selectFrom('person_name_sets').select('set_hash').distinct().where('set_hash', 'in', part).execute()).map(
        (r) => r.set_hash,
      ),
    )
    const orphans = part.filter((h) => !borne.has(h))
    if (orphans.length) await trx.deleteFrom('name_set_keys').where('set_hash', 'in', orphans).execute()
  }
}

/** Replaces a person's name set (registered, or their name changed). */
export async function replaceNameSet(trx: Trx, personId: string, set: NameSet): Promise<void> {
  await lockNameSets(trx)
  const current = await trx.selectFrom('person_name_sets').select('set_hash').where('person_id', '=', personId).executeTakeFirst()
  if (current?.set_hash === set.setHash) return
  await removeNameSets(trx, [personId])
  await addNameSets(trx, [{ personId, set }])
}

/** Deletes the keys of sets nobody bears (after a re-index that gave every person a new set). */
export async function dropUnborneNameSets(trx: Trx): Promise<void> {
  await lockNameSets(trx)
  await trx
    .deleteFrom('name_set_keys')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('person_name_sets')
            .select('person_name_sets.set_hash')
            .whereRef('person_name_sets.set_hash', '=', 'name_set_keys.set_hash'),
        ),
      ),
    )
    .execute()
}
