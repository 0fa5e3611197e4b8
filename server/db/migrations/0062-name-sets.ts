import type { Kysely } from 'kysely'

/**
 * Name search keys by distinct name instead of by person (ADR 0009, "Sets of keys"): persons whose
 * names make the same keys share one key set, so that a search sums key weights over the names it
 * matched and not over every person bearing them. `name_set_keys` holds each set's keyed hashes
 * once; `person_name_sets` says which set each person's name is. Nothing is copied here: the old
 * per-person keys are dropped and start-up makes the sets from the sealed names (index version 7).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('name_set_keys')
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('set_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('name_set_keys_pk', ['key_hash', 'set_hash'])
    .execute()
  await db.schema.createIndex('name_set_keys_set').on('name_set_keys').columns(['set_hash', 'key_hash']).execute()
  await db.schema
    .createTable('person_name_sets')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('persons.id').onDelete('cascade'))
    .addColumn('set_hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('person_name_sets_set').on('person_name_sets').columns(['set_hash', 'person_id']).execute()
  await db.schema.dropTable('person_name_keys').execute()
}
