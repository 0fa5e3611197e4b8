import type { Kysely } from 'kysely'

/**
 * Issue 13 (art. 32), master-key rotation: each wrapped data key names the master key that
 * wrapped it, so that `keys rotate` finds what is left to re-wrap after a crash without trying
 * every key, and the codec opens a key with the right master first while two are in use. Keys
 * wrapped before this migration keep a null id: the codec tries the master keys it has, and the
 * next rotation gives them one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('person_keys').addColumn('master_key_id', 'text').execute()
}
