import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { appendAudit } from './audit.chain'
import type { Codec } from './codec'
import { NAME_INDEX_VERSION, type NameIndex } from './name-index'
import { addNameSets, dropUnborneNameSets, removeNameSets } from './person-access.name-sets'

const STATE_KEY = 'name_index_version'
const BATCH = 500

/**
 * The search keys of every person, made again with the current name index. Keys are keyed
 * hashes of names, so a change in how they are made (a new phonetic rule, keys tagged with the
 * part of the name) leaves the stored ones unable to match a query until each person's names are
 * opened and hashed anew. Start-up runs this when the stored version is older than the code's;
 * operators can run it with `npm run parcours -- names reindex`.
 *
 * It is operator work on every person: one `names.reindexed` audit entry says how many persons
 * were opened and why, rather than listing them all. Batches commit one at a time; a run that
 * stops half-way leaves the version unchanged, and the next run starts again (each batch replaces
 * its persons' keys whole, so doing one twice is harmless, also when two instances start at once).
 */
export async function reindexNames(
  db: Kysely<Database>,
  codec: Codec,
  names: NameIndex,
  options: { force?: boolean; reason?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ reindexed: number } | null> {
  const stored = await db.selectFrom('system_state').select('value').where('key', '=', STATE_KEY).executeTakeFirst()
  if (!options.force && stored && Number(stored.value) >= NAME_INDEX_VERSION) return null
  const total = Number(
    (
      await db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const now = () => new Date().toISOString()
  const setVersion = (trx: Kysely<Database>) =>
    trx
      .insertInto('system_state')
      .values({ key: STATE_KEY, value: String(NAME_INDEX_VERSION), updated_at: now() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(NAME_INDEX_VERSION), updated_at: now() }))
      .execute()
  // A new database: nothing to open, nothing to record.
  if (total === 0 && !options.force) {
    await setVersion(db)
    return null
  }
  let done = 0
  let after = ''
  for (;;) {
    const rows = await db
      .selectFrom('persons')
      .select(['id', 'first_name_sealed', 'last_name_sealed', 'other_names_sealed'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()
    if (rows.length === 0) break
    after = rows[rows.length - 1]!.id
    const keys = await codec.personKeys(
      db,
      rows.map((r) => r.id),
    )
    const index = rows.flatMap((r) => {
      const key = keys.get(r.id)
      // A person without a data key was erased: nothing of their name can be indexed.
      if (!key) return []
      const plain = codec.openRow('persons', key, r.id, r)
      const set = names.personSet({
        firstName: String(plain.first_name ?? ''),
        lastName: String(plain.last_name ?? ''),
        otherNames: Array.isArray(plain.other_names) ? plain.other_names.map(String) : [],
      })
      return [{ personId: r.id, set }]
    })
    await db.transaction().execute(async (trx) => {
      await removeNameSets(
        trx,
        rows.map((r) => r.id),
      )
      await addNameSets(trx, index)
    })
    done += rows.length
    options.onProgress?.(done, total)
  }
  await db.transaction().execute(async (trx) => {
    // Sets of keys made by an older version that no batch removed (their bearers' rows were gone).
    await dropUnborneNameSets(trx)
    await setVersion(trx)
    await appendAudit(trx, {
      at: now(),
      actorId: null,
      actorRole: null,
      action: 'names.reindexed',
      subjectType: null,
      subjectId: null,
      personId: null,
      persons: [],
      purpose: null,
      outcome: 'success',
      requestId: null,
      clientIp: 'local',
      details: { persons: done, from: stored ? Number(stored.value) : null, to: NAME_INDEX_VERSION, reason: options.reason ?? 'version' },
    })
  })
  return { reindexed: done }
}
